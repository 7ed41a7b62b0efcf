//! Share links: the answer codec, base64url and the fragment format.

use super::{english, fill, qid};
use crate::domain::share::{
    base64url_decode, base64url_encode, build_fragment, content_fingerprint, decode_answers,
    encode_answers, is_share_fragment, parse_fragment, LinkSecret, ShareError, ShareLink,
    SharedAnswers, CODEC_VERSION, IV_LEN, KEY_LEN, MAX_SEALED_LEN, MIN_SEALED_LEN, SALT_LEN,
    TAG_LEN,
};
use crate::domain::{Answer, Answers, Content, Day, QuestionKind};

fn day(year: i32, month: u32, date: u32) -> Day {
    Day::from_ymd(year, month, date).unwrap()
}

/// A complete set that moves away from the neutral answers where it can: several
/// options in the multiple-choice questions, and the follow-ups `who_hurt: both` opens.
fn full_answers() -> Answers {
    fill(
        english(),
        &[
            ("ex_asked_for_distance", Answer::single("no")),
            ("still_cares", Answer::single("some_signs")),
            ("still_compatible", Answer::single("yes")),
            (
                "serious_harm",
                Answer::multiple(["cheating", "core_values"]),
            ),
            ("felt_afraid", Answer::single("no")),
            ("who_ended", Answer::single("mutual")),
            (
                "reasons",
                Answer::multiple(["unsupportive", "poor_communication", "something_else"]),
            ),
            ("who_hurt", Answer::single("both")),
            ("changed_behaviour", Answer::single("yes")),
            ("ready_to_forgive", Answer::single("no")),
            ("what_you_miss", Answer::single("partner")),
            ("litmus", Answer::single("yes")),
        ],
    )
}

/// Bit offset and width of a question's field, computed from the documented layout
/// rather than from the implementation.
fn field(content: &Content, id: &str) -> (usize, usize) {
    let mut offset = 0;
    for question in &content.questions {
        let n = question.options.len();
        let width = match question.kind {
            QuestionKind::MultipleChoice => n,
            _ => (usize::BITS - n.leading_zeros()) as usize,
        };
        if question.id.as_str() == id {
            return (offset, width);
        }
        offset += width;
    }
    panic!("no question {id}");
}

fn total_bits(content: &Content) -> usize {
    let last = content.questions.last().unwrap();
    let (offset, width) = field(content, last.id.as_str());
    offset + width
}

/// Bytes for `made_on` = 1970-01-01 (one varint byte) and the given raw field values.
fn hand_encoded(content: &Content, fields: &[(&str, u64)]) -> Vec<u8> {
    let mut body = vec![0u8; total_bits(content).div_ceil(8)];
    for (id, value) in fields {
        let (offset, width) = field(content, id);
        for bit in 0..width {
            if (value >> bit) & 1 == 1 {
                body[(offset + bit) / 8] |= 1 << ((offset + bit) % 8);
            }
        }
    }
    let mut bytes = vec![CODEC_VERSION, content_fingerprint(content), 0];
    bytes.extend(body);
    bytes
}

#[test]
fn a_full_answer_set_round_trips() {
    let content = english();
    let answers = full_answers();
    let made_on = day(2025, 6, 14);
    let bytes = encode_answers(content, &answers, made_on);
    assert_eq!(
        decode_answers(content, &bytes),
        Ok(SharedAnswers { answers, made_on })
    );
}

#[test]
fn an_empty_answer_set_round_trips() {
    let content = english();
    let made_on = day(2024, 2, 29);
    let bytes = encode_answers(content, &Answers::new(), made_on);
    let shared = decode_answers(content, &bytes).unwrap();
    assert!(shared.answers.is_empty());
    assert_eq!(shared.made_on, made_on);
}

#[test]
fn made_on_round_trips_from_the_far_past_to_the_far_future() {
    let content = english();
    let answers = full_answers();
    for made_on in [
        Day(0),
        Day(-1),
        Day(1),
        Day(63),
        Day(-64),
        Day(64),
        day(2024, 12, 31),
        day(2099, 1, 1),
        Day(i32::MAX),
        Day(i32::MIN),
    ] {
        let bytes = encode_answers(content, &answers, made_on);
        let shared = decode_answers(content, &bytes).unwrap();
        assert_eq!(shared.made_on, made_on);
        assert_eq!(shared.answers, answers);
    }
}

#[test]
fn a_full_answer_set_takes_about_16_bytes() {
    let content = english();
    let bytes = encode_answers(content, &full_answers(), day(2099, 12, 31));
    println!(
        "encoded full answer set: {} bytes ({} bits of answers)",
        bytes.len(),
        total_bits(content)
    );
    assert!(bytes.len() <= 16, "{} bytes", bytes.len());
}

#[test]
fn the_layout_is_the_documented_one() {
    let content = english();
    let mut answers = Answers::new();
    let set = |answers: &mut Answers, id: &str, answer: Answer| {
        answers.set(content, &qid(id), answer).unwrap();
    };
    set(&mut answers, "ex_asked_for_distance", Answer::single("no"));
    set(&mut answers, "still_cares", Answer::single("seems_not"));
    set(&mut answers, "serious_harm", Answer::multiple(["none"]));
    set(
        &mut answers,
        "reasons",
        Answer::multiple(["cheating", "something_else"]),
    );
    set(&mut answers, "litmus", Answer::single("not_sure"));
    let expected = hand_encoded(
        content,
        &[
            ("ex_asked_for_distance", 2),
            ("still_cares", 4),
            ("serious_harm", 0b1000),
            ("reasons", 0b100_0000_0001),
            ("litmus", 3),
        ],
    );
    assert_eq!(encode_answers(content, &answers, Day(0)), expected);
}

#[test]
fn link_lengths_stay_short() {
    let content = english();
    let plain = encode_answers(content, &full_answers(), day(2099, 12, 31));
    let sealed = vec![0xa5; IV_LEN + plain.len() + TAG_LEN];
    let with_key = build_fragment(&ShareLink {
        secret: LinkSecret::Key(vec![0x5a; KEY_LEN]),
        sealed: sealed.clone(),
    });
    let with_passphrase = build_fragment(&ShareLink {
        secret: LinkSecret::Salt(vec![0x5a; SALT_LEN]),
        sealed,
    });
    println!(
        "share fragment with key: {} characters ({with_key})",
        with_key.len()
    );
    println!(
        "share fragment with passphrase: {} characters ({with_passphrase})",
        with_passphrase.len()
    );
    assert!(with_key.len() <= 120, "{}", with_key.len());
    assert!(with_passphrase.len() <= 200, "{}", with_passphrase.len());
}

#[test]
fn an_unknown_codec_version_is_refused() {
    let content = english();
    let mut bytes = encode_answers(content, &full_answers(), Day(0));
    bytes[0] = 2;
    assert_eq!(
        decode_answers(content, &bytes),
        Err(ShareError::UnknownVersion(2))
    );
    assert_eq!(
        decode_answers(content, &[0]),
        Err(ShareError::UnknownVersion(0))
    );
}

#[test]
fn every_cut_short_encoding_is_truncated() {
    let content = english();
    // A day needing three varint bytes, so cuts inside the day are covered too.
    let bytes = encode_answers(content, &full_answers(), day(2025, 1, 1));
    for len in 0..bytes.len() {
        assert_eq!(
            decode_answers(content, &bytes[..len]),
            Err(ShareError::Truncated),
            "cut to {len} bytes"
        );
    }
}

#[test]
fn an_extra_byte_is_malformed() {
    let content = english();
    for extra in [0u8, 1, 0xff] {
        let mut bytes = encode_answers(content, &full_answers(), Day(0));
        bytes.push(extra);
        assert_eq!(decode_answers(content, &bytes), Err(ShareError::Malformed));
    }
}

#[test]
fn non_zero_padding_is_malformed() {
    let content = english();
    let bits = total_bits(content);
    assert_ne!(bits % 8, 0, "the English content leaves padding to test");
    let mut bytes = encode_answers(content, &Answers::new(), Day(0));
    *bytes.last_mut().unwrap() |= 0x80;
    assert_eq!(decode_answers(content, &bytes), Err(ShareError::Malformed));
}

#[test]
fn an_option_index_out_of_range_is_malformed() {
    let content = english();
    // still_cares has four options in three bits: 5, 6 and 7 name no option.
    assert_eq!(field(content, "still_cares").1, 3);
    for value in 5..8 {
        let bytes = hand_encoded(
            content,
            &[("ex_asked_for_distance", 2), ("still_cares", value)],
        );
        assert_eq!(decode_answers(content, &bytes), Err(ShareError::Malformed));
    }
    let valid = hand_encoded(content, &[("ex_asked_for_distance", 2), ("still_cares", 4)]);
    assert!(decode_answers(content, &valid).is_ok());
}

#[test]
fn an_answer_to_a_hidden_question_is_malformed() {
    let content = english();
    // "The ex asked for distance: yes" hides still_cares.
    let bytes = hand_encoded(content, &[("ex_asked_for_distance", 1), ("still_cares", 1)]);
    assert_eq!(decode_answers(content, &bytes), Err(ShareError::Malformed));
    // changed_behaviour needs who_hurt to be "i_hurt_them" or "both".
    let bytes = hand_encoded(content, &[("changed_behaviour", 1)]);
    assert_eq!(decode_answers(content, &bytes), Err(ShareError::Malformed));
}

#[test]
fn an_exclusive_option_combined_with_others_is_malformed() {
    let content = english();
    let bytes = hand_encoded(content, &[("serious_harm", 0b1010)]);
    assert_eq!(decode_answers(content, &bytes), Err(ShareError::Malformed));
    let alone = hand_encoded(content, &[("serious_harm", 0b1000)]);
    assert!(decode_answers(content, &alone).is_ok());
}

#[test]
fn a_day_written_two_ways_is_malformed() {
    let content = english();
    let canonical = hand_encoded(content, &[]);
    // 0 as the two-byte varint 0x80 0x00.
    let mut padded_day = canonical.clone();
    padded_day.splice(2..3, [0x80, 0x00]);
    assert_eq!(
        decode_answers(content, &padded_day),
        Err(ShareError::Malformed)
    );
    // A varint longer than five bytes cannot be a day.
    let mut too_long = canonical[..2].to_vec();
    too_long.extend([0xff, 0xff, 0xff, 0xff, 0x7f]);
    too_long.extend(&canonical[3..]);
    assert_eq!(
        decode_answers(content, &too_long),
        Err(ShareError::Malformed)
    );
}

#[test]
fn a_link_made_against_other_content_is_refused() {
    let content = english();
    let mut bytes = encode_answers(content, &full_answers(), Day(0));
    bytes[1] ^= 0x01;
    assert_eq!(
        decode_answers(content, &bytes),
        Err(ShareError::DifferentContent)
    );

    let mut changed = content.clone();
    let reasons = changed
        .questions
        .iter_mut()
        .find(|q| q.id.as_str() == "reasons")
        .unwrap();
    let mut extra = reasons.options[0].clone();
    extra.id = "new_reason".into();
    reasons.options.push(extra);
    assert_ne!(content_fingerprint(&changed), content_fingerprint(content));
    let bytes = encode_answers(content, &full_answers(), Day(0));
    assert_eq!(
        decode_answers(&changed, &bytes),
        Err(ShareError::DifferentContent)
    );
}

#[test]
fn reworded_content_still_opens_the_link() {
    let content = english();
    let mut reworded = content.clone();
    for question in &mut reworded.questions {
        question.prompt = format!("Reworded: {}", question.prompt);
        for option in &mut question.options {
            option.label = option.label.to_uppercase();
        }
    }
    let bytes = encode_answers(content, &full_answers(), Day(0));
    assert_eq!(
        decode_answers(&reworded, &bytes).map(|s| s.answers),
        Ok(full_answers())
    );
}

#[test]
fn answers_the_domain_would_drop_are_left_out_when_encoding() {
    let content = english();
    // Saved data is not trusted: a hidden answer, an unknown question, an unknown option.
    let answers: Answers = serde_json::from_str(
        r#"{
            "ex_asked_for_distance": {"single": "yes"},
            "still_cares": {"single": "clearly"},
            "favourite_colour": {"single": "blue"},
            "felt_afraid": {"single": "sometimes"},
            "litmus": {"multiple": ["yes"]}
        }"#,
    )
    .unwrap();
    let bytes = encode_answers(content, &answers, Day(0));
    let decoded = decode_answers(content, &bytes).unwrap().answers;
    let mut expected = answers.clone();
    expected.sanitise(content);
    assert_eq!(decoded, expected);
    assert_eq!(decoded.len(), 2);
}

#[test]
fn base64url_matches_the_rfc_4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        assert_eq!(base64url_encode(plain.as_bytes()), encoded);
        assert_eq!(base64url_decode(encoded), Ok(plain.as_bytes().to_vec()));
    }
}

#[test]
fn base64url_uses_the_url_alphabet() {
    // Standard base64 would write "+/8" and "/w": url-safe swaps in '-' and '_'.
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(base64url_encode(&[0xff]), "_w");
    assert_eq!(base64url_decode("-_8"), Ok(vec![0xfb, 0xff]));
    let all: Vec<u8> = (0..=255).collect();
    assert_eq!(base64url_decode(&base64url_encode(&all)), Ok(all));
}

#[test]
fn bad_base64_is_refused() {
    for bad in [
        "Zg==", // padding
        "Zm9v=",
        "+/8", // standard alphabet
        "Z",   // no byte string encodes to one character
        "Zm9vY",
        "Zh",  // unused bits set: only "Zg" spells "f"
        "Zm9", // and only "Zm8" spells "fo"
        "Zm 9v",
        "Zm9v\n",
        "Zmé",
        "\u{0}\u{0}",
    ] {
        assert_eq!(base64url_decode(bad), Err(ShareError::NotBase64), "{bad:?}");
    }
}

fn key_link() -> ShareLink {
    ShareLink {
        secret: LinkSecret::Key((0..16).collect()),
        sealed: (100..142).collect(),
    }
}

#[test]
fn fragments_round_trip_with_a_key_and_with_a_salt() {
    let with_key = key_link();
    let fragment = build_fragment(&with_key);
    assert!(fragment.starts_with("#r=1."), "{fragment}");
    assert_eq!(parse_fragment(&fragment), Ok(with_key.clone()));
    // Without the '#', as some callers hand it over.
    assert_eq!(parse_fragment(&fragment[1..]), Ok(with_key));

    let with_salt = ShareLink {
        secret: LinkSecret::Salt(vec![7; SALT_LEN]),
        sealed: vec![9; MAX_SEALED_LEN],
    };
    let fragment = build_fragment(&with_salt);
    assert!(fragment.starts_with("#r=1p."), "{fragment}");
    assert_eq!(parse_fragment(&fragment), Ok(with_salt));
}

#[test]
fn a_newer_link_version_is_unknown() {
    assert_eq!(
        parse_fragment("#r=2.AAAA.AAAA"),
        Err(ShareError::UnknownVersion(2))
    );
    assert_eq!(parse_fragment("#r=2."), Err(ShareError::UnknownVersion(2)));
    assert_eq!(
        parse_fragment("r=17p.x.y"),
        Err(ShareError::UnknownVersion(17))
    );
}

#[test]
fn ordinary_anchors_are_not_share_links() {
    for anchor in [
        "",
        "#",
        "#section-2",
        "#top",
        "#/steps/3",
        "#R=1.a.b",
        "#rr=1",
    ] {
        assert!(!is_share_fragment(anchor), "{anchor:?}");
        assert_eq!(
            parse_fragment(anchor),
            Err(ShareError::NotAShareLink),
            "{anchor:?}"
        );
    }
    assert!(is_share_fragment("#r=1."));
    assert!(is_share_fragment("r=9"));
}

#[test]
fn a_wrong_key_or_salt_length_is_malformed() {
    let mut link = key_link();
    for len in [0, 1, KEY_LEN - 1, KEY_LEN + 1, 32] {
        link.secret = LinkSecret::Key(vec![1; len]);
        assert_eq!(
            parse_fragment(&build_fragment(&link)),
            Err(ShareError::Malformed),
            "{len}"
        );
        link.secret = LinkSecret::Salt(vec![1; len]);
        assert_eq!(
            parse_fragment(&build_fragment(&link)),
            Err(ShareError::Malformed),
            "{len}"
        );
    }
}

#[test]
fn sealed_bytes_must_hold_an_iv_a_tag_and_something_sealed() {
    let mut link = key_link();
    link.sealed = vec![1; MIN_SEALED_LEN - 1];
    assert_eq!(
        parse_fragment(&build_fragment(&link)),
        Err(ShareError::Truncated)
    );
    link.sealed = vec![1; MIN_SEALED_LEN];
    assert!(parse_fragment(&build_fragment(&link)).is_ok());
    link.sealed = vec![1; MAX_SEALED_LEN + 1];
    assert_eq!(
        parse_fragment(&build_fragment(&link)),
        Err(ShareError::Malformed)
    );
    // Refused by length before any decoding.
    let huge = format!(
        "#r=1.{}.{}",
        base64url_encode(&[0; 16]),
        "A".repeat(1 << 20)
    );
    assert_eq!(parse_fragment(&huge), Err(ShareError::Malformed));
}

#[test]
fn missing_or_extra_parts_are_reported() {
    let key = base64url_encode(&[0; KEY_LEN]);
    let sealed = base64url_encode(&[0; 42]);
    let cases = [
        ("#r=", ShareError::Truncated),
        ("#r=1", ShareError::Truncated),
        ("#r=1p", ShareError::Truncated),
        ("#r=1.", ShareError::Truncated),
        (&format!("#r=1.{key}"), ShareError::Truncated),
        (&format!("#r=1.{key}."), ShareError::Truncated),
        (&format!("#r=1..{sealed}"), ShareError::Malformed),
        (
            &format!("#r=1.{key}.{sealed}.{sealed}"),
            ShareError::Malformed,
        ),
        (&format!("#r=1x.{key}.{sealed}"), ShareError::Malformed),
        (&format!("#r=01.{key}.{sealed}"), ShareError::Malformed),
        (&format!("#r=999.{key}.{sealed}"), ShareError::Malformed),
        (&format!("#r=v1.{key}.{sealed}"), ShareError::Malformed),
    ];
    for (fragment, expected) in cases {
        assert_eq!(parse_fragment(fragment), Err(expected), "{fragment}");
    }
    assert!(parse_fragment(&format!("#r=1.{key}.{sealed}")).is_ok());
}

#[test]
fn bad_base64_in_a_fragment_is_reported_as_such() {
    let key = base64url_encode(&[0; KEY_LEN]);
    let sealed = base64url_encode(&[0; 42]);
    for fragment in [
        format!("#r=1.{key}.{sealed}%20"),
        format!("#r=1.{}+.{sealed}", &key[..21]),
        format!("#r=1p.{key}==.{sealed}"),
    ] {
        assert_eq!(
            parse_fragment(&fragment),
            Err(ShareError::NotBase64),
            "{fragment}"
        );
    }
}

#[test]
fn every_error_reads_as_one_plain_sentence() {
    let all = [
        ShareError::UnknownVersion(2),
        ShareError::Truncated,
        ShareError::Malformed,
        ShareError::DifferentContent,
        ShareError::NotBase64,
        ShareError::NotAShareLink,
    ];
    let mut seen = Vec::new();
    for error in all {
        let text = error.to_string();
        assert!(
            text.starts_with("This ") || text.starts_with("Some "),
            "{text}"
        );
        assert!(text.ends_with('.'), "{text}");
        for jargon in ["base64", "version 2", "byte", "decode", "invalid", "error"] {
            assert!(!text.to_lowercase().contains(jargon), "{text}");
        }
        assert!(!seen.contains(&text), "{text}");
        seen.push(text);
    }
    assert_eq!(
        ShareError::Truncated.to_string(),
        "This link seems to be cut short. Ask the person who sent it to copy the whole link again."
    );
}

#[test]
fn the_key_stays_out_of_debug_output() {
    let text = format!("{:?}", key_link());
    assert!(text.contains("Key(16 bytes)"), "{text}");
    assert!(!text.contains("[0, 1, 2"), "{text}");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{is_complete, next_question, Question, QuestionId};

    /// An answer chosen from `seed`: any option for single choice, any non-empty subset
    /// for multiple choice (which `Answers::set` may still refuse).
    fn candidate(question: &Question, seed: u64) -> Answer {
        let n = question.options.len();
        match question.kind {
            QuestionKind::MultipleChoice => Answer::Multiple(
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (seed >> i) & 1 == 1)
                    .map(|(_, o)| o.id.clone())
                    .collect(),
            ),
            _ => Answer::Single(question.options[(seed % n as u64) as usize].id.clone()),
        }
    }

    /// Walks the visible questions in order, answering each unless its bit in `skip`
    /// is set. A refused subset (empty, or an exclusive option with others) falls back
    /// to one option, which is always accepted.
    fn valid_answers(content: &Content, seeds: &[u64], skip: u64) -> Answers {
        let mut answers = Answers::new();
        let mut current: Option<QuestionId> = None;
        let mut step = 0usize;
        while let Some(question) = next_question(content, &answers, current.as_ref()) {
            let seed = seeds[step % seeds.len()];
            if (skip >> (step % 64)) & 1 == 0 {
                let id = &question.id;
                if answers.set(content, id, candidate(question, seed)).is_err() {
                    let n = question.options.len() as u64;
                    let one = &question.options[((seed >> 48) % n) as usize];
                    answers
                        .set(content, id, Answer::Single(one.id.clone()))
                        .unwrap();
                }
            }
            current = Some(question.id.clone());
            step += 1;
        }
        answers
    }

    fn seeds() -> impl Strategy<Value = Vec<u64>> {
        prop::collection::vec(any::<u64>(), 32)
    }

    /// Pieces that assemble into near-misses of a share fragment.
    const PIECES: &[&str] = &[
        "#",
        "r=",
        "r",
        "=",
        "1",
        "1p",
        "p",
        "2",
        "0",
        "255",
        "256",
        ".",
        "..",
        "A",
        "Q",
        "g",
        "z",
        "9",
        "-",
        "_",
        "+",
        "/",
        "AAAA",
        "AAAAAAAAAAAAAAAAAAAAAA",
        "%20",
        " ",
        "\n",
        "é",
        "\u{0}",
        "\u{10FFFF}",
        "\u{1F600}",
    ];

    /// splitmix64: expands one generated seed into many bytes. Generating each byte as
    /// its own proptest value made 100,000 cases take tens of seconds in a debug build.
    fn expand(mut seed: u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = seed;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (z ^ (z >> 31)) as u8
            })
            .collect()
    }

    /// Arbitrary text, text built from fragment-like pieces, and real fragments with
    /// random lengths, cut short or with one character replaced.
    fn fragments() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(any::<char>(), 0..24)
                .prop_map(|chars| chars.into_iter().collect()),
            prop::collection::vec(0..PIECES.len(), 0..16)
                .prop_map(|picks| picks.into_iter().map(|i| PIECES[i]).collect()),
            (
                any::<bool>(),
                0..24usize,
                0..600usize,
                any::<u64>(),
                any::<u16>(),
                0..PIECES.len()
            )
                .prop_map(|(salt, secret_len, sealed_len, seed, cut, piece)| {
                    let secret = expand(seed, secret_len);
                    let sealed = expand(!seed, sealed_len);
                    let secret = if salt {
                        LinkSecret::Salt(secret)
                    } else {
                        LinkSecret::Key(secret)
                    };
                    let mut text = build_fragment(&ShareLink { secret, sealed });
                    let at = usize::from(cut) % (text.len() + 1);
                    match seed % 3 {
                        0 => text.truncate(at),
                        1 if at < text.len() => text.replace_range(at..=at, PIECES[piece]),
                        _ => {}
                    }
                    text
                }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn complete_valid_answer_sets_round_trip(seeds in seeds(), made_on in any::<i32>()) {
            let content = english();
            let answers = valid_answers(content, &seeds, 0);
            prop_assert!(is_complete(content, &answers));
            let bytes = encode_answers(content, &answers, Day(made_on));
            prop_assert_eq!(
                decode_answers(content, &bytes),
                Ok(SharedAnswers { answers, made_on: Day(made_on) })
            );
        }

        #[test]
        fn partial_valid_answer_sets_round_trip(seeds in seeds(), skip in any::<u64>(), made_on in -40_000i32..80_000) {
            let content = english();
            let answers = valid_answers(content, &seeds, skip);
            let bytes = encode_answers(content, &answers, Day(made_on));
            prop_assert_eq!(
                decode_answers(content, &bytes),
                Ok(SharedAnswers { answers, made_on: Day(made_on) })
            );
        }

        #[test]
        fn a_changed_bit_is_refused_or_read_as_exactly_what_it_encodes(
            seeds in seeds(),
            skip in any::<u64>(),
            flip in any::<prop::sample::Index>(),
        ) {
            let content = english();
            let answers = valid_answers(content, &seeds, skip);
            let mut bytes = encode_answers(content, &answers, Day(20_000));
            let bit = flip.index(bytes.len() * 8);
            bytes[bit / 8] ^= 1 << (bit % 8);
            if let Ok(shared) = decode_answers(content, &bytes) {
                prop_assert!(shared.answers != answers || shared.made_on != Day(20_000));
                prop_assert_eq!(encode_answers(content, &shared.answers, shared.made_on), bytes);
            }
        }

        #[test]
        fn any_bytes_survive_a_base64url_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let text = base64url_encode(&bytes);
            prop_assert_eq!(text.len(), (bytes.len() * 8).div_ceil(6));
            prop_assert_eq!(base64url_decode(&text), Ok(bytes));
        }
    }

    proptest! {
        // Past the version and fingerprint checks, which arbitrary bytes rarely are.
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn arbitrary_bytes_behind_a_valid_header_never_panic(tail in prop::collection::vec(any::<u8>(), 0..24)) {
            let content = english();
            let mut bytes = vec![CODEC_VERSION, content_fingerprint(content)];
            bytes.extend(tail);
            if let Ok(shared) = decode_answers(content, &bytes) {
                prop_assert_eq!(encode_answers(content, &shared.answers, shared.made_on), bytes);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100_000))]

        #[test]
        fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let content = english();
            if let Ok(shared) = decode_answers(content, &bytes) {
                prop_assert_eq!(encode_answers(content, &shared.answers, shared.made_on), bytes);
            }
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in fragments()) {
            prop_assert_eq!(
                parse_fragment(&text) == Err(ShareError::NotAShareLink),
                !is_share_fragment(&text)
            );
            // Whatever parses is exactly what `build_fragment` writes for it.
            if let Ok(link) = parse_fragment(&text) {
                let bare = text.strip_prefix('#').unwrap_or(&text);
                prop_assert_eq!(build_fragment(&link), format!("#{bare}"));
            }
            if let Ok(bytes) = base64url_decode(&text) {
                prop_assert_eq!(base64url_encode(&bytes), text);
            }
        }
    }
}
