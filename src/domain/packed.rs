//! The content's structure as bytes: ids, weights, conditions and how many texts each
//! part has, every text left empty (the texts are laid over it afterwards, see
//! [`Content::with_static_texts`]). build.rs packs the English content it has parsed and
//! validated; the wasm unpacks it once at start-up. Code that built the same structure
//! value by value cost 20 KB of wasm (7.4 KB gzip); as bytes it is a few KB of data and
//! one small reader per type.
//!
//! Both directions of a type sit side by side in one macro line, and each destructures
//! or builds the type exhaustively: adding a field to a content type does not compile
//! until it is added here, in the same place for both. A test checks that what the wasm
//! unpacks equals the parsed JSON.
//!
//! The bytes come from our own build, never from a reader, so a short or damaged stream
//! is a build bug that the tests catch; unpacking it still never panics (missing bytes
//! read as zero).

use super::content::{
    AnswerOption, Band, BandId, Condition, Content, CounterText, DataText, FriendshipTexts,
    KindHints, MessageTemplate, MilestoneLabel, MotivationTexts, NowActionContent, NowActionId,
    NowActionText, OptionId, PageText, PlanModeLabels, PlanText, Question, QuestionId,
    QuestionKind, QuestionRole, QuestionText, ReadingText, Readings, ResultText, ReviewText,
    SafetyNote, Section, SectionId, ShareText, SharedText, ShellText, Signal, StatusLabels, Step,
    StepId, StepKind, StepText, StorageText, TemplateId, TemplatesText, UiText, WelcomeText,
};

/// A value that can be written as bytes and read back.
pub trait Packed: Sized {
    fn pack(&self, out: &mut Vec<u8>);
    fn unpack(from: &mut Unpacker<'_>) -> Self;
}

/// Reads packed bytes in order.
pub struct Unpacker<'a> {
    bytes: &'a [u8],
}

impl<'a> Unpacker<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Unpacker { bytes }
    }

    /// Whether every byte has been read (a test checks that nothing is left over).
    pub fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&byte, rest)) => {
                self.bytes = rest;
                byte
            }
            None => 0,
        }
    }

    /// An unsigned LEB128 number.
    fn number(&mut self) -> u32 {
        let mut value = 0_u32;
        let mut shift = 0;
        loop {
            let byte = self.byte();
            value |= u32::from(byte & 0x7f).wrapping_shl(shift);
            shift += 7;
            if byte < 0x80 || shift >= 35 {
                return value;
            }
        }
    }
}

fn pack_number(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

impl Packed for String {
    /// An id, or an empty text whose words come later.
    fn pack(&self, out: &mut Vec<u8>) {
        pack_number(out, self.len() as u32);
        out.extend_from_slice(self.as_bytes());
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        let len = (from.number() as usize).min(from.bytes.len());
        let (text, rest) = from.bytes.split_at(len);
        from.bytes = rest;
        std::str::from_utf8(text).unwrap_or_default().to_owned()
    }
}

impl Packed for bool {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        from.byte() != 0
    }
}

impl Packed for u32 {
    fn pack(&self, out: &mut Vec<u8>) {
        pack_number(out, *self);
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        from.number()
    }
}

impl Packed for usize {
    fn pack(&self, out: &mut Vec<u8>) {
        pack_number(out, *self as u32);
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        from.number() as usize
    }
}

impl Packed for i32 {
    /// Zigzag, so small negative weights stay one byte.
    fn pack(&self, out: &mut Vec<u8>) {
        pack_number(out, ((*self << 1) ^ (*self >> 31)) as u32);
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        let zigzag = from.number();
        ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32)
    }
}

impl<T: Packed> Packed for Option<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.pack(out);
            }
        }
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        (from.byte() != 0).then(|| T::unpack(from))
    }
}

impl<T: Packed> Packed for Vec<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        pack_number(out, self.len() as u32);
        for item in self {
            item.pack(out);
        }
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        let count = from.number() as usize;
        // Every item takes at least a byte, so a damaged count cannot ask for more items
        // than there are bytes left.
        let mut items = Vec::with_capacity(count.min(from.bytes.len()));
        for _ in 0..count {
            if from.is_done() {
                break;
            }
            items.push(T::unpack(from));
        }
        items
    }
}

impl<T: Packed> Packed for Box<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        (**self).pack(out);
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        Box::new(T::unpack(from))
    }
}

/// Structs, field by field in the order given.
macro_rules! packed_struct {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Packed for $name {
            fn pack(&self, out: &mut Vec<u8>) {
                let $name { $($field),* } = self;
                $($field.pack(out);)*
            }

            fn unpack(from: &mut Unpacker<'_>) -> Self {
                $name { $($field: Packed::unpack(from)),* }
            }
        }
    )*};
}

packed_struct! {
    Content { sections, questions, bands, safety_note, readings, actions_now, steps, ui }
    Section { id, title, intro, show_if }
    Question { id, section, prompt, help, kind, options, show_if, role }
    AnswerOption { id, label, weight, effect, signal, exclusive }
    Band { id, title, summary, advice, min_score }
    SafetyNote { title, text }
    ReadingText { title, text }
    MotivationTexts { love, loneliness, unclear }
    FriendshipTexts { ready, not_yet, unsure }
    Readings { motivation, friendship }
    NowActionText { title, text, step_ids }
    NowActionContent { id, title, text, step_ids, when_moving_on }
    Step {
        id, title, why, actions, kind, template, also_for_moving_on, involves_contact,
        hidden_on_safety_concern,
    }
    MessageTemplate { id, label, default_text, note }
    StatusLabels { not_started, in_progress, done, skipped }
    MilestoneLabel { days, label }
    PlanModeLabels { reconcile, moving_on }
    KindHints { single_choice, multiple_choice, yes_no_unsure }
    UiText {
        statuses, milestones, plan_modes, kind_hints, shell, welcome, question, review,
        result, share, shared, plan, step, counter, templates, data, storage, page,
    }
}

/// Ids: their one field.
macro_rules! packed_newtype {
    ($($name:ident),*) => {$(
        impl Packed for $name {
            fn pack(&self, out: &mut Vec<u8>) {
                self.0.pack(out);
            }

            fn unpack(from: &mut Unpacker<'_>) -> Self {
                $name(Packed::unpack(from))
            }
        }
    )*};
}
packed_newtype!(QuestionId, OptionId, SectionId, TemplateId, NowActionId);

impl Packed for StepId {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(self.0);
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        StepId(from.byte())
    }
}

/// Fieldless enums, by their place in the list (an unknown byte reads as the first).
macro_rules! packed_unit_enum {
    ($($name:ident { $($variant:ident),* $(,)? })*) => {$(
        impl Packed for $name {
            fn pack(&self, out: &mut Vec<u8>) {
                const ALL: &[$name] = &[$($name::$variant),*];
                let at = ALL.iter().position(|variant| variant == self).unwrap_or(0);
                out.push(at as u8);
            }

            fn unpack(from: &mut Unpacker<'_>) -> Self {
                const ALL: &[$name] = &[$($name::$variant),*];
                let at = usize::from(from.byte());
                ALL.get(at).copied().unwrap_or(ALL[0])
            }
        }
    )*};
}

packed_unit_enum! {
    QuestionKind { SingleChoice, MultipleChoice, YesNoUnsure }
    Signal { Safety, EndsReconciliation, Caution, Love, Loneliness }
    QuestionRole { FriendshipSign, FriendshipLitmus }
    BandId { GoodChance, WorthTrying, Uphill, MoveOn, Safety }
}

/// Interface text groups hold only texts, and every text comes later: nothing to pack.
macro_rules! packed_text_group {
    ($($name:ident),*) => {$(
        impl Packed for $name {
            fn pack(&self, _out: &mut Vec<u8>) {}

            fn unpack(_from: &mut Unpacker<'_>) -> Self {
                $name::from_static([""; $name::KEYS.len()])
            }
        }
    )*};
}
packed_text_group!(
    PageText,
    CounterText,
    DataText,
    PlanText,
    QuestionText,
    ResultText,
    ReviewText,
    ShareText,
    SharedText,
    ShellText,
    StepText,
    StorageText,
    TemplatesText,
    WelcomeText
);

impl Packed for Condition {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            Condition::Selected { question, option } => {
                out.push(0);
                question.pack(out);
                option.pack(out);
            }
            Condition::Not(inner) => {
                out.push(1);
                inner.pack(out);
            }
            Condition::All(all) => {
                out.push(2);
                all.pack(out);
            }
            Condition::Any(any) => {
                out.push(3);
                any.pack(out);
            }
        }
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        match from.byte() {
            1 => Condition::Not(Packed::unpack(from)),
            2 => Condition::All(Packed::unpack(from)),
            3 => Condition::Any(Packed::unpack(from)),
            _ => Condition::Selected {
                question: Packed::unpack(from),
                option: Packed::unpack(from),
            },
        }
    }
}

impl Packed for StepKind {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            StepKind::Standard => out.push(0),
            StepKind::NoContact => out.push(1),
            StepKind::PersonalAdvice => out.push(2),
            StepKind::Checkpoint {
                question,
                keep_going,
                move_on,
            } => {
                out.push(3);
                question.pack(out);
                keep_going.pack(out);
                move_on.pack(out);
            }
            StepKind::Gated { requires, warning } => {
                out.push(4);
                requires.pack(out);
                warning.pack(out);
            }
        }
    }

    fn unpack(from: &mut Unpacker<'_>) -> Self {
        match from.byte() {
            1 => StepKind::NoContact,
            2 => StepKind::PersonalAdvice,
            3 => StepKind::Checkpoint {
                question: Packed::unpack(from),
                keep_going: Packed::unpack(from),
                move_on: Packed::unpack(from),
            },
            4 => StepKind::Gated {
                requires: Packed::unpack(from),
                warning: Packed::unpack(from),
            },
            _ => StepKind::Standard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip<T: Packed + PartialEq + std::fmt::Debug>(value: T) {
        let mut bytes = Vec::new();
        value.pack(&mut bytes);
        let mut from = Unpacker::new(&bytes);
        assert_eq!(T::unpack(&mut from), value);
        assert!(from.is_done(), "every byte read");
    }

    proptest! {
        #[test]
        fn numbers_and_ids_read_back(n in any::<u32>(), w in any::<i32>(), id in "[a-z_]{0,40}", flag in any::<bool>()) {
            round_trip(n);
            round_trip(w);
            round_trip(id.clone());
            round_trip(flag);
            round_trip(Some(QuestionId(id)));
            round_trip(vec![w, -w.wrapping_abs(), 0]);
        }
    }

    #[test]
    fn small_weights_take_one_byte() {
        for weight in -64..64 {
            let mut bytes = Vec::new();
            weight.pack(&mut bytes);
            assert_eq!(bytes.len(), 1, "{weight}");
        }
    }

    #[test]
    fn conditions_and_step_kinds_read_back() {
        let selected = |q: &str, o: &str| Condition::Selected {
            question: QuestionId(q.into()),
            option: OptionId(o.into()),
        };
        round_trip(Condition::Any(vec![
            Condition::Not(Box::new(selected("a", "yes"))),
            Condition::All(vec![selected("b", "no"), selected("c", "not_sure")]),
        ]));
        for kind in [
            StepKind::Standard,
            StepKind::NoContact,
            StepKind::PersonalAdvice,
            StepKind::Checkpoint {
                question: String::new(),
                keep_going: String::new(),
                move_on: String::new(),
            },
            StepKind::Gated {
                requires: vec![StepId(3), StepId(12)],
                warning: String::new(),
            },
        ] {
            round_trip(kind);
        }
    }

    #[test]
    fn damaged_bytes_read_as_defaults_without_panicking() {
        // A count far past the end, then one byte: the reader stops at the end.
        let mut from = Unpacker::new(&[0xff, 0xff, 0xff, 0x0f, 0]);
        let items: Vec<Section> = Packed::unpack(&mut from);
        assert!(from.is_done());
        assert_eq!(items.len(), 1);
        assert!(items[0].id.0.is_empty());
        let mut empty = Unpacker::new(&[]);
        assert_eq!(String::unpack(&mut empty), "");
        assert_eq!(Condition::unpack(&mut empty), {
            Condition::Selected {
                question: QuestionId(String::new()),
                option: OptionId(String::new()),
            }
        });
    }
}
