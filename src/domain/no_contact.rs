//! The no-contact day counter of step 2.
//!
//! A slip is logged, never a reset: the history stays, the longest run stays, and any
//! milestone once reached stays reached. Slipping is human; losing the record of real
//! progress would only add shame.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::day::Day;

/// Run lengths, in days, that earn a milestone.
pub const MILESTONE_DAYS: [u32; 4] = [7, 30, 60, 90];

/// A contact the reader chose to log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slip {
    pub on: Day,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoContactError {
    NotStarted,
    AlreadyStarted,
    /// A slip cannot come before the counter started.
    BeforeStart {
        start: Day,
        slip: Day,
    },
    /// The counter cannot start on a day that has not come yet.
    InTheFuture {
        day: Day,
        today: Day,
    },
}

impl fmt::Display for NoContactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoContactError::NotStarted => write!(f, "the no-contact counter has not been started"),
            NoContactError::AlreadyStarted => {
                write!(f, "the no-contact counter is already running")
            }
            NoContactError::BeforeStart { start, slip } => {
                write!(
                    f,
                    "a contact on {slip} is before the counter started on {start}"
                )
            }
            NoContactError::InTheFuture { day, today } => {
                write!(
                    f,
                    "the counter cannot start on {day}, after today ({today})"
                )
            }
        }
    }
}

impl std::error::Error for NoContactError {}

/// One day on the no-contact calendar strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StripDay {
    pub day: Day,
    pub kind: StripKind,
    pub is_today: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StripKind {
    BeforeStart,
    /// Counted as space (including the start day itself).
    Free,
    /// A contact was logged that day.
    Contact,
}

/// The next milestone of the current run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextMilestone {
    pub days: u32,
    pub days_to_go: u32,
}

/// Start date and logged slips. Runs are measured in whole days: a run that began
/// yesterday is 1 day long today.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoContact {
    #[serde(default)]
    started_on: Option<Day>,
    /// Sorted by day; several slips on one day are kept.
    #[serde(default)]
    slips: Vec<Slip>,
}

fn whole_days(from: Day, to: Day) -> u32 {
    u32::try_from(from.days_until(to)).unwrap_or(0)
}

impl NoContact {
    pub fn started_on(&self) -> Option<Day> {
        self.started_on
    }

    pub fn is_started(&self) -> bool {
        self.started_on.is_some()
    }

    pub fn slips(&self) -> &[Slip] {
        &self.slips
    }

    pub fn start(&mut self, day: Day) -> Result<(), NoContactError> {
        if self.started_on.is_some() {
            return Err(NoContactError::AlreadyStarted);
        }
        self.started_on = Some(day);
        Ok(())
    }

    /// Corrects the start date (for example, the reader began before opening the app).
    /// A day after `today` is refused: the counter would show days not yet lived.
    pub fn move_start(&mut self, day: Day, today: Day) -> Result<(), NoContactError> {
        if self.started_on.is_none() {
            return Err(NoContactError::NotStarted);
        }
        if day > today {
            return Err(NoContactError::InTheFuture { day, today });
        }
        if let Some(first) = self.slips.first() {
            if first.on < day {
                return Err(NoContactError::BeforeStart {
                    start: day,
                    slip: first.on,
                });
            }
        }
        self.started_on = Some(day);
        Ok(())
    }

    /// Logs a contact; the current run restarts from that day, and nothing else is lost.
    pub fn log_slip(&mut self, day: Day, note: impl Into<String>) -> Result<(), NoContactError> {
        let start = self.started_on.ok_or(NoContactError::NotStarted)?;
        if day < start {
            return Err(NoContactError::BeforeStart { start, slip: day });
        }
        let at = self.slips.partition_point(|slip| slip.on <= day);
        self.slips.insert(
            at,
            Slip {
                on: day,
                note: note.into(),
            },
        );
        Ok(())
    }

    /// The day each run began, up to `today`: the start, then each slip day.
    fn run_starts(&self, today: Day) -> Vec<Day> {
        let Some(start) = self.started_on else {
            return Vec::new();
        };
        std::iter::once(start)
            .chain(self.slips.iter().map(|slip| slip.on))
            .filter(|day| *day <= today)
            .collect()
    }

    /// Days since the start or the most recent slip, whichever is later.
    pub fn current_run(&self, today: Day) -> u32 {
        self.run_starts(today)
            .last()
            .map_or(0, |from| whole_days(*from, today))
    }

    /// The longest run so far, including the current one.
    pub fn longest_run(&self, today: Day) -> u32 {
        let starts = self.run_starts(today);
        let ends = starts.iter().skip(1).copied().chain(std::iter::once(today));
        starts
            .iter()
            .zip(ends)
            .map(|(from, to)| whole_days(*from, to))
            .max()
            .unwrap_or(0)
    }

    /// Days since the counter started, slips included.
    pub fn total_days(&self, today: Day) -> u32 {
        self.started_on.map_or(0, |start| whole_days(start, today))
    }

    /// Days since the start on which no contact was logged (the start day itself is not
    /// counted, matching how runs are measured).
    pub fn contact_free_days(&self, today: Day) -> u32 {
        let Some(start) = self.started_on else {
            return 0;
        };
        let mut slip_days: Vec<Day> = self
            .slips
            .iter()
            .map(|slip| slip.on)
            .filter(|day| *day > start && *day <= today)
            .collect();
        slip_days.dedup();
        self.total_days(today)
            .saturating_sub(slip_days.len() as u32)
    }

    /// Milestones earned by the longest run; a later slip never takes one away.
    pub fn milestones_reached(&self, today: Day) -> Vec<u32> {
        let longest = self.longest_run(today);
        MILESTONE_DAYS
            .into_iter()
            .filter(|days| longest >= *days)
            .collect()
    }

    /// The last `count` days up to `today`, oldest first, for the calendar strip: each
    /// day before the start, contact-free, or with a logged contact.
    pub fn recent_days(&self, today: Day, count: u32) -> Vec<StripDay> {
        let count = i32::try_from(count).unwrap_or(i32::MAX);
        (0..count)
            .rev()
            .map(|back| {
                let day = Day(today.0.saturating_sub(back));
                let kind = match self.started_on {
                    Some(start) if day >= start => {
                        if self.slips.iter().any(|slip| slip.on == day) {
                            StripKind::Contact
                        } else {
                            StripKind::Free
                        }
                    }
                    _ => StripKind::BeforeStart,
                };
                StripDay {
                    day,
                    kind,
                    is_today: day == today,
                }
            })
            .collect()
    }

    /// The next milestone for the current run, if any is left.
    pub fn next_milestone(&self, today: Day) -> Option<NextMilestone> {
        self.started_on?;
        let current = self.current_run(today);
        MILESTONE_DAYS
            .into_iter()
            .find(|days| *days > current)
            .map(|days| NextMilestone {
                days,
                days_to_go: days - current,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> Day {
        Day(20_000 + n)
    }

    #[test]
    fn not_started_counts_nothing_and_refuses_slips() {
        let mut counter = NoContact::default();
        assert_eq!(counter.current_run(day(10)), 0);
        assert_eq!(counter.longest_run(day(10)), 0);
        assert_eq!(counter.total_days(day(10)), 0);
        assert_eq!(counter.next_milestone(day(10)), None);
        assert_eq!(
            counter.log_slip(day(1), "call"),
            Err(NoContactError::NotStarted)
        );
    }

    #[test]
    fn a_run_grows_one_day_at_a_time() {
        let mut counter = NoContact::default();
        counter.start(day(0)).unwrap();
        assert_eq!(counter.current_run(day(0)), 0);
        assert_eq!(counter.current_run(day(1)), 1);
        assert_eq!(counter.current_run(day(12)), 12);
        assert_eq!(counter.start(day(3)), Err(NoContactError::AlreadyStarted));
    }

    #[test]
    fn a_slip_restarts_the_current_run_but_keeps_history() {
        let mut counter = NoContact::default();
        counter.start(day(0)).unwrap();
        counter
            .log_slip(day(10), "They texted and I answered")
            .unwrap();
        assert_eq!(counter.current_run(day(13)), 3);
        assert_eq!(counter.longest_run(day(13)), 10);
        assert_eq!(counter.total_days(day(13)), 13);
        assert_eq!(counter.contact_free_days(day(13)), 12);
        assert_eq!(counter.slips().len(), 1);
        assert_eq!(counter.slips()[0].note, "They texted and I answered");
        assert_eq!(counter.started_on(), Some(day(0)));
    }

    #[test]
    fn slips_are_kept_in_date_order_even_when_logged_late() {
        let mut counter = NoContact::default();
        counter.start(day(0)).unwrap();
        counter.log_slip(day(20), "b").unwrap();
        counter.log_slip(day(5), "a").unwrap();
        counter.log_slip(day(20), "c").unwrap();
        let notes: Vec<&str> = counter.slips().iter().map(|s| s.note.as_str()).collect();
        assert_eq!(notes, ["a", "b", "c"]);
        assert_eq!(counter.longest_run(day(22)), 15);
        assert_eq!(counter.contact_free_days(day(22)), 20);
    }

    #[test]
    fn a_slip_before_the_start_is_refused() {
        let mut counter = NoContact::default();
        counter.start(day(5)).unwrap();
        assert_eq!(
            counter.log_slip(day(4), ""),
            Err(NoContactError::BeforeStart {
                start: day(5),
                slip: day(4)
            })
        );
    }

    #[test]
    fn the_start_can_be_moved_but_not_past_a_slip() {
        let mut counter = NoContact::default();
        assert_eq!(
            counter.move_start(day(0), day(10)),
            Err(NoContactError::NotStarted)
        );
        counter.start(day(5)).unwrap();
        assert_eq!(
            counter.move_start(day(11), day(10)),
            Err(NoContactError::InTheFuture {
                day: day(11),
                today: day(10)
            }),
            "a start after today is refused"
        );
        counter.move_start(day(2), day(10)).unwrap();
        assert_eq!(counter.current_run(day(9)), 7);
        counter.log_slip(day(6), "").unwrap();
        assert!(matches!(
            counter.move_start(day(7), day(10)),
            Err(NoContactError::BeforeStart { .. })
        ));
    }

    #[test]
    fn milestones_are_reached_at_7_30_60_and_90_days_and_stay_reached() {
        let mut counter = NoContact::default();
        counter.start(day(0)).unwrap();
        assert_eq!(counter.milestones_reached(day(6)), Vec::<u32>::new());
        assert_eq!(counter.milestones_reached(day(7)), vec![7]);
        assert_eq!(
            counter.next_milestone(day(7)),
            Some(NextMilestone {
                days: 30,
                days_to_go: 23
            })
        );
        assert_eq!(counter.milestones_reached(day(45)), vec![7, 30]);
        counter.log_slip(day(45), "").unwrap();
        assert_eq!(counter.milestones_reached(day(50)), vec![7, 30]);
        assert_eq!(
            counter.next_milestone(day(50)),
            Some(NextMilestone {
                days: 7,
                days_to_go: 2
            })
        );
        assert_eq!(
            counter.milestones_reached(day(45 + 90)),
            vec![7, 30, 60, 90]
        );
        assert_eq!(counter.next_milestone(day(45 + 90)), None);
    }

    #[test]
    fn slips_after_today_do_not_count_yet() {
        let mut counter = NoContact::default();
        counter.start(day(0)).unwrap();
        counter.log_slip(day(10), "").unwrap();
        assert_eq!(counter.current_run(day(8)), 8);
        assert_eq!(counter.longest_run(day(8)), 8);
    }

    #[test]
    fn the_strip_shows_days_before_the_start_free_days_and_logged_contacts() {
        let mut counter = NoContact::default();
        counter.start(day(2)).unwrap();
        counter.log_slip(day(4), "called").unwrap();
        let strip = counter.recent_days(day(5), 5);
        let kinds: Vec<StripKind> = strip.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                StripKind::BeforeStart,
                StripKind::Free,
                StripKind::Free,
                StripKind::Contact,
                StripKind::Free
            ]
        );
        assert_eq!(strip.first().map(|d| d.day), Some(day(1)));
        assert!(strip.last().is_some_and(|d| d.is_today && d.day == day(5)));
        assert_eq!(strip.iter().filter(|d| d.is_today).count(), 1);
    }
}
