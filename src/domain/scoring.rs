//! Turns answers into an explained result. The model is written out in plain words in
//! `docs/scoring.md`; keep the two in step.

use crate::domain::assessment::{is_complete, visible_questions, Answers};
use crate::domain::content::{
    BandId, Content, NowActionId, OptionId, QuestionId, QuestionRole, ReadingText, Signal, StepId,
    NO, NOT_SURE, YES,
};

/// One chosen option that moved the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    pub question_id: QuestionId,
    pub option_id: OptionId,
    pub prompt: String,
    pub option_label: String,
    /// Points added to the score (negative counts against).
    pub weight: i32,
    /// Why this answer counts the way it does.
    pub explanation: String,
    /// Set when the answer overrides the score (safety, or a clear request for distance).
    pub signal: Option<Signal>,
}

impl Contribution {
    /// Weighs against getting back together: negative points, or a request for distance
    /// (which decides the outlook however many points it carries).
    pub fn counts_against(&self) -> bool {
        self.weight < 0 || self.signal == Some(Signal::EndsReconciliation)
    }
}

/// What the answers suggest is behind the wish to get back together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Motivation {
    Love,
    Loneliness,
    Unclear,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MotivationReading {
    pub motivation: Motivation,
    /// Answers pointing to missing this person as a partner.
    pub love_signals: Vec<QuestionId>,
    /// Answers pointing to missing company or the feeling of being in love.
    pub loneliness_signals: Vec<QuestionId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FriendshipReadiness {
    /// None of the six signs, and the litmus test passed.
    Ready,
    /// At least one sign, or the litmus test not passed.
    NotYet,
    /// Nothing against, but some "not sure" or unanswered.
    Unsure,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FriendshipReading {
    pub readiness: FriendshipReadiness,
    /// The sign questions answered "yes".
    pub signs_present: Vec<QuestionId>,
    /// Sign questions answered "not sure" or not answered.
    pub signs_unsure: usize,
    /// How many sign questions there are (six in the English content).
    pub signs_total: usize,
    /// `Some(true)` if the litmus test is passed ("no"), `Some(false)` if not ("yes"),
    /// `None` if unsure or unanswered.
    pub litmus_passed: Option<bool>,
}

/// One of the three things to do now, in the variant that fits the band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NowAction {
    pub id: NowActionId,
    pub title: String,
    pub text: String,
    pub step_ids: Vec<StepId>,
}

/// The explained result of the assessment.
///
/// When `band` is [`BandId::Safety`], the result is only about safety: `contributions`
/// hold just the answers that raised it, `actions_now` is empty and both readings are
/// `None`. Show the safety band's text and help resources, nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub band: BandId,
    /// Sum of the weights of all chosen options on visible questions.
    pub score: i32,
    /// Every visible question was answered; results on partial answers are provisional.
    pub complete: bool,
    /// Every answer that moved the result, in question order.
    pub contributions: Vec<Contribution>,
    pub motivation: Option<MotivationReading>,
    pub friendship: Option<FriendshipReading>,
    pub actions_now: Vec<NowAction>,
}

/// The outlook band for a score, from the thresholds in content. Scores below every
/// threshold (or content without thresholds) mean "better to move on".
pub fn band_for_score(content: &Content, score: i32) -> BandId {
    [BandId::GoodChance, BandId::WorthTrying, BandId::Uphill]
        .into_iter()
        .find(|id| {
            content
                .band(*id)
                .and_then(|band| band.min_score)
                .is_some_and(|min| score >= min)
        })
        .unwrap_or(BandId::MoveOn)
}

/// Scores the answers to visible questions and explains the result.
pub fn assess(content: &Content, answers: &Answers) -> Outcome {
    let mut score: i32 = 0;
    let mut contributions = Vec::new();
    let mut love_signals = Vec::new();
    let mut loneliness_signals = Vec::new();
    let questions = visible_questions(content, answers);
    for question in &questions {
        let Some(answer) = answers.get(&question.id) else {
            continue;
        };
        for option in answer
            .selected()
            .iter()
            .filter_map(|id| question.option(id))
        {
            score = score.saturating_add(option.weight);
            match option.signal {
                Some(Signal::Love) => love_signals.push(question.id.clone()),
                Some(Signal::Loneliness) => loneliness_signals.push(question.id.clone()),
                _ => {}
            }
            let overrides = matches!(
                option.signal,
                Some(Signal::Safety | Signal::EndsReconciliation | Signal::Caution)
            );
            if option.weight != 0 || overrides {
                contributions.push(Contribution {
                    question_id: question.id.clone(),
                    option_id: option.id.clone(),
                    prompt: question.prompt.clone(),
                    option_label: option.label.clone(),
                    weight: option.weight,
                    explanation: option.effect.clone(),
                    signal: option.signal,
                });
            }
        }
    }
    let complete = is_complete(content, answers);
    let raised = |signal: Signal| {
        contributions
            .iter()
            .any(|c: &Contribution| c.signal == Some(signal))
    };

    if raised(Signal::Safety) {
        contributions.retain(|c| c.signal == Some(Signal::Safety));
        return Outcome {
            band: BandId::Safety,
            score,
            complete,
            contributions,
            motivation: None,
            friendship: None,
            actions_now: Vec::new(),
        };
    }
    let band = if raised(Signal::EndsReconciliation) {
        BandId::MoveOn
    } else {
        band_for_score(content, score)
    };
    // Fear or control without a clear "yes" caps the outlook: hope must never outweigh
    // a reader's doubt about their own safety.
    let band = if raised(Signal::Caution) && band.outlook_rank() > BandId::Uphill.outlook_rank() {
        BandId::Uphill
    } else {
        band
    };
    let away_from_contact = band == BandId::MoveOn || raised(Signal::Caution);
    let motivation = Some(read_motivation(love_signals, loneliness_signals));
    let friendship = Some(read_friendship(content, answers));
    Outcome {
        band,
        score,
        complete,
        contributions,
        motivation,
        friendship,
        actions_now: actions_now(content, away_from_contact),
    }
}

impl Outcome {
    /// The answers that suggest fear or control without a clear "yes".
    pub fn safety_concerns(&self) -> Vec<&Contribution> {
        self.contributions
            .iter()
            .filter(|c| c.signal == Some(Signal::Caution))
            .collect()
    }

    fn raised(&self, signal: Signal) -> bool {
        self.contributions.iter().any(|c| c.signal == Some(signal))
    }

    /// Why, if at all, the answers keep the plan away from contacting the ex, whatever
    /// the reader chooses in the tracker.
    pub fn contact_hold(&self) -> Option<ContactHold> {
        if self.band == BandId::Safety {
            Some(ContactHold::Safety)
        } else if self.raised(Signal::Caution) {
            Some(ContactHold::SafetyConcern)
        } else if self.raised(Signal::EndsReconciliation) {
            Some(ContactHold::AskedForDistance)
        } else {
            None
        }
    }
}

/// An answer that rules out every step and message meaning contact with the ex, for as
/// long as the answer stands (the reader changes it by retaking the assessment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactHold {
    /// Violence, abuse or fear: the safety result.
    Safety,
    /// Fear or control suggested without a clear "yes".
    SafetyConcern,
    /// The ex has clearly asked for distance.
    AskedForDistance,
}

impl ContactHold {
    /// Safety holds also hide prompts that ask for warmth towards the ex.
    pub fn is_about_safety(self) -> bool {
        matches!(self, ContactHold::Safety | ContactHold::SafetyConcern)
    }
}

fn read_motivation(
    love_signals: Vec<QuestionId>,
    loneliness_signals: Vec<QuestionId>,
) -> MotivationReading {
    let motivation = match love_signals.len().cmp(&loneliness_signals.len()) {
        std::cmp::Ordering::Greater => Motivation::Love,
        std::cmp::Ordering::Less => Motivation::Loneliness,
        std::cmp::Ordering::Equal => Motivation::Unclear,
    };
    MotivationReading {
        motivation,
        love_signals,
        loneliness_signals,
    }
}

fn read_friendship(content: &Content, answers: &Answers) -> FriendshipReading {
    let answer_of = |id: &QuestionId| {
        answers
            .get(id)
            .and_then(|a| a.selected().first())
            .map(OptionId::as_str)
    };
    let mut signs_present = Vec::new();
    let mut signs_unsure = 0;
    let mut signs_total = 0;
    let mut litmus_passed = None;
    for question in &content.questions {
        match question.role {
            Some(QuestionRole::FriendshipSign) => {
                signs_total += 1;
                match answer_of(&question.id) {
                    Some(YES) => signs_present.push(question.id.clone()),
                    Some(NO) => {}
                    _ => signs_unsure += 1,
                }
            }
            Some(QuestionRole::FriendshipLitmus) => {
                litmus_passed = match answer_of(&question.id) {
                    Some(NO) => Some(true),
                    Some(YES) => Some(false),
                    Some(NOT_SURE) | Some(_) | None => None,
                };
            }
            None => {}
        }
    }
    let readiness = if !signs_present.is_empty() || litmus_passed == Some(false) {
        FriendshipReadiness::NotYet
    } else if signs_unsure == 0 && litmus_passed == Some(true) {
        FriendshipReadiness::Ready
    } else {
        FriendshipReadiness::Unsure
    };
    FriendshipReading {
        readiness,
        signs_present,
        signs_unsure,
        signs_total,
        litmus_passed,
    }
}

/// The moving-on variants apply when the outlook is "move on" and whenever the answers
/// suggest fear or control: "reach out when you feel ready" is not advice for them.
fn actions_now(content: &Content, away_from_contact: bool) -> Vec<NowAction> {
    content
        .actions_now
        .iter()
        .map(|action| match (&action.when_moving_on, away_from_contact) {
            (Some(alt), true) => NowAction {
                id: action.id.clone(),
                title: alt.title.clone(),
                text: alt.text.clone(),
                step_ids: alt.step_ids.clone(),
            },
            _ => NowAction {
                id: action.id.clone(),
                title: action.title.clone(),
                text: action.text.clone(),
                step_ids: action.step_ids.clone(),
            },
        })
        .collect()
}

impl Content {
    pub fn motivation_text(&self, motivation: Motivation) -> &ReadingText {
        let texts = &self.readings.motivation;
        match motivation {
            Motivation::Love => &texts.love,
            Motivation::Loneliness => &texts.loneliness,
            Motivation::Unclear => &texts.unclear,
        }
    }

    pub fn friendship_text(&self, readiness: FriendshipReadiness) -> &ReadingText {
        let texts = &self.readings.friendship;
        match readiness {
            FriendshipReadiness::Ready => &texts.ready,
            FriendshipReadiness::NotYet => &texts.not_yet,
            FriendshipReadiness::Unsure => &texts.unsure,
        }
    }
}

/// Where the answers landed on the scale of possible scores, for the result's picture.
/// The marker stays inside the band the reader was given: when an answer decides the
/// band on its own (a safety concern, a request for distance), the picture must not
/// show a hopeful spot that the result has overruled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreScale {
    /// The lowest and highest totals any answers could give.
    pub lowest: i32,
    pub highest: i32,
    /// Where the marker goes, within `lowest..=highest`.
    pub marker: i32,
    /// The score bands from the bottom up, each with the score where it starts
    /// (`lowest` for the first).
    pub bands: Vec<(BandId, i32)>,
}

impl ScoreScale {
    /// The band a position on the scale falls in.
    pub fn band_at(&self, score: i32) -> Option<BandId> {
        self.bands
            .iter()
            .rev()
            .find(|(_, from)| score >= *from)
            .map(|(band, _)| *band)
    }

    /// Where `band` starts and ends on the scale (inclusive).
    pub fn span(&self, band: BandId) -> Option<(i32, i32)> {
        let at = self.bands.iter().position(|(id, _)| *id == band)?;
        let from = self.bands[at].1;
        let to = self
            .bands
            .get(at + 1)
            .map_or(self.highest, |(_, next)| next - 1);
        Some((from, to.max(from)))
    }
}

/// The scale picture for an outcome; `None` for the safety band, which is not an outlook.
pub fn score_scale(content: &Content, outcome: &Outcome) -> Option<ScoreScale> {
    if outcome.band == BandId::Safety {
        return None;
    }
    let (lowest, highest) = crate::domain::validate::score_range(content);
    let mut bands = vec![(BandId::MoveOn, lowest)];
    for band in [BandId::Uphill, BandId::WorthTrying, BandId::GoodChance] {
        if let Some(min) = content.band(band).and_then(|b| b.min_score) {
            bands.push((band, min.clamp(lowest, highest)));
        }
    }
    let mut scale = ScoreScale {
        lowest,
        highest,
        marker: outcome.score.clamp(lowest, highest),
        bands,
    };
    if let Some((from, to)) = scale.span(outcome.band) {
        scale.marker = scale.marker.clamp(from, to);
    }
    Some(scale)
}

/// Ascending by `key`, ties kept in their order. An insertion sort: the lists hold a
/// few dozen answers at most, and the standard library's sort costs several KB of wasm
/// for each type it sorts.
fn sort_stably_by(list: &mut [&Contribution], key: fn(&Contribution) -> i64) {
    for end in 1..list.len() {
        let mut at = end;
        while at > 0 && key(list[at - 1]) > key(list[at]) {
            list.swap(at - 1, at);
            at -= 1;
        }
    }
}

impl Outcome {
    /// Up to `n` answers that helped most and up to `n` that weighed most, strongest
    /// first (ties in question order). A request for distance weighs most of all.
    pub fn strongest(&self, n: usize) -> (Vec<&Contribution>, Vec<&Contribution>) {
        let mut helped: Vec<&Contribution> =
            self.contributions.iter().filter(|c| c.weight > 0).collect();
        let mut weighed: Vec<&Contribution> = self
            .contributions
            .iter()
            .filter(|c| c.counts_against())
            .collect();
        sort_stably_by(&mut helped, |c| -i64::from(c.weight));
        sort_stably_by(&mut weighed, |c| {
            if c.signal == Some(Signal::EndsReconciliation) {
                i64::MIN
            } else {
                i64::from(c.weight)
            }
        });
        helped.truncate(n);
        weighed.truncate(n);
        (helped, weighed)
    }
}
