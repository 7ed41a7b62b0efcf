//! Sharing a set of answers through a link: a compact binary encoding of the answers,
//! hand-written base64url, and the `#r=…` fragment that carries the sealed bytes.
//!
//! Sealing (AES-GCM) happens in the browser's WebCrypto, outside the domain: this module
//! only turns answers into bytes and back, and a fragment into its parts and back. The
//! secret lives in the fragment, which browsers never send to a server.
//!
//! Encoded answers (codec version 1):
//!
//! | bytes | meaning |
//! |-------|---------|
//! | 1     | codec version, `1` |
//! | 1     | [`content_fingerprint`] of the content the answers were given against |
//! | 1–5   | `made_on` as days since 1970-01-01, zigzag then LEB128 (3 bytes until 4840) |
//! | rest  | one bit field per question in content order, least significant bit first |
//!
//! A single-choice or yes / no / not sure question takes the fewest bits that hold
//! `options + 1` values: 0 is unanswered, `k` is the option at index `k - 1`. A
//! multiple-choice question takes one bit per option, in content order; no bit set is
//! unanswered. The last byte is padded with zero bits.
//!
//! Decoding is strict: exactly one byte string decodes to a given answer set and day,
//! so a link that was altered is refused rather than read as something else.

use std::fmt;

use crate::domain::assessment::{Answer, Answers};
use crate::domain::content::{Content, QuestionKind};
use crate::domain::day::Day;

/// The version of the answer encoding, its first byte.
pub const CODEC_VERSION: u8 = 1;
/// The version of the fragment format, after `r=`.
pub const LINK_VERSION: u8 = 1;
/// Length of the AES-GCM key carried in a key link.
pub const KEY_LEN: usize = 16;
/// Length of the PBKDF2 salt carried in a passphrase link.
pub const SALT_LEN: usize = 16;
/// Length of the AES-GCM initialisation vector at the start of the sealed bytes.
pub const IV_LEN: usize = 12;
/// Length of the AES-GCM tag at the end of the sealed bytes.
pub const TAG_LEN: usize = 16;
/// The fewest sealed bytes worth opening: IV, one byte of ciphertext, tag.
pub const MIN_SEALED_LEN: usize = IV_LEN + 1 + TAG_LEN;
/// A cap far above any real link, so a hostile fragment cannot make the page decode
/// or decrypt megabytes.
pub const MAX_SEALED_LEN: usize = 512;

const PREFIX: &str = "r=";

/// Answers read back from a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedAnswers {
    pub answers: Answers,
    /// The day the link was made, so the reader can see how old the answers are.
    pub made_on: Day,
}

/// Why a link or its contents could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Made by a format version this build does not know.
    UnknownVersion(u8),
    /// Ends before all its parts are there.
    Truncated,
    /// Has all its parts, but they do not fit together.
    Malformed,
    /// Made against different questions or options than this build has.
    DifferentContent,
    /// A part that should be base64url is not.
    NotBase64,
    /// An ordinary fragment such as `#section-2`: nothing shared here.
    NotAShareLink,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ShareError::UnknownVersion(_) => {
                "This link was made by a different version of Rekindle, so it can't be opened here; ask the person who sent it to make a new link."
            }
            ShareError::Truncated => {
                "This link seems to be cut short. Ask the person who sent it to copy the whole link again."
            }
            ShareError::Malformed => {
                "This link seems to have been changed on its way here, so it can't be opened; ask the person who sent it to copy the whole link again."
            }
            ShareError::DifferentContent => {
                "This link was made with a different set of questions, so its answers can't be shown here; ask the person who sent it to make a new link."
            }
            ShareError::NotBase64 => {
                "Some characters in this link are not ones Rekindle uses, so it may have been altered when it was copied; try copying the whole link again."
            }
            ShareError::NotAShareLink => "This address doesn't contain any shared answers.",
        };
        f.write_str(text)
    }
}

impl std::error::Error for ShareError {}

/// One byte that changes when the questions, their kinds or their options change in
/// a way that moves fields in the encoding. FNV-1a over the ids, folded to a byte.
/// Labels, weights and conditions are left out: a translated or reworded copy of the
/// same questions should still open the link.
pub fn content_fingerprint(content: &Content) -> u8 {
    const OFFSET: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for question in &content.questions {
        feed(question.id.as_str().as_bytes());
        // Separators keep ("ab", "c") apart from ("a", "bc").
        feed(&[0, kind_tag(question.kind)]);
        for option in &question.options {
            feed(option.id.as_str().as_bytes());
            feed(&[0]);
        }
        feed(&[0xff]);
    }
    let [a, b, c, d] = hash.to_le_bytes();
    a ^ b ^ c ^ d
}

fn kind_tag(kind: QuestionKind) -> u8 {
    match kind {
        QuestionKind::SingleChoice => 1,
        QuestionKind::MultipleChoice => 2,
        QuestionKind::YesNoUnsure => 3,
    }
}

/// Bits taken by one question's field.
fn field_width(kind: QuestionKind, options: usize) -> u32 {
    match kind {
        // `options` is the largest value (0 means unanswered), so its bit length.
        QuestionKind::SingleChoice | QuestionKind::YesNoUnsure => {
            usize::BITS - options.leading_zeros()
        }
        QuestionKind::MultipleChoice => u32::try_from(options).unwrap_or(u32::MAX),
    }
}

fn body_bits(content: &Content) -> usize {
    content
        .questions
        .iter()
        .map(|q| field_width(q.kind, q.options.len()) as usize)
        .fold(0usize, usize::saturating_add)
}

/// Encodes the answers that [`Answers::sanitise`] would keep, and the day.
///
/// Answers to questions or options the content does not have, or to hidden
/// questions, are left out, so whatever this returns decodes again.
pub fn encode_answers(content: &Content, answers: &Answers, made_on: Day) -> Vec<u8> {
    let mut kept = answers.clone();
    kept.sanitise(content);

    let mut out = vec![CODEC_VERSION, content_fingerprint(content)];
    write_day(&mut out, made_on);
    let mut bits = BitWriter::new(out);
    for question in &content.questions {
        let answer = kept.get(&question.id);
        match question.kind {
            QuestionKind::SingleChoice | QuestionKind::YesNoUnsure => {
                let value = answer
                    .and_then(|a| a.selected().first())
                    .and_then(|chosen| question.options.iter().position(|o| &o.id == chosen))
                    .map_or(0, |index| index as u64 + 1);
                bits.write(value, field_width(question.kind, question.options.len()));
            }
            QuestionKind::MultipleChoice => {
                for option in &question.options {
                    bits.write_bit(answer.is_some_and(|a| a.is_selected(&option.id)));
                }
            }
        }
    }
    bits.finish()
}

/// Reads answers encoded by [`encode_answers`], replaying them through
/// [`Answers::set`] in content order so only answers the domain accepts come back.
pub fn decode_answers(content: &Content, bytes: &[u8]) -> Result<SharedAnswers, ShareError> {
    let (&version, rest) = bytes.split_first().ok_or(ShareError::Truncated)?;
    if version != CODEC_VERSION {
        return Err(ShareError::UnknownVersion(version));
    }
    let (&fingerprint, rest) = rest.split_first().ok_or(ShareError::Truncated)?;
    if fingerprint != content_fingerprint(content) {
        return Err(ShareError::DifferentContent);
    }
    let (made_on, body) = read_day(rest)?;
    let needed = body_bits(content).div_ceil(8);
    if body.len() < needed {
        return Err(ShareError::Truncated);
    }
    if body.len() > needed {
        return Err(ShareError::Malformed);
    }

    let mut bits = BitReader::new(body);
    let mut answers = Answers::new();
    for question in &content.questions {
        let answer = match question.kind {
            QuestionKind::SingleChoice | QuestionKind::YesNoUnsure => {
                let value = bits.read(field_width(question.kind, question.options.len()));
                match value.checked_sub(1) {
                    None => None,
                    Some(index) => {
                        let option = usize::try_from(index)
                            .ok()
                            .and_then(|index| question.options.get(index))
                            .ok_or(ShareError::Malformed)?;
                        Some(Answer::Single(option.id.clone()))
                    }
                }
            }
            QuestionKind::MultipleChoice => {
                let chosen: Vec<_> = question
                    .options
                    .iter()
                    .filter(|_| bits.read_bit())
                    .map(|o| o.id.clone())
                    .collect();
                (!chosen.is_empty()).then_some(Answer::Multiple(chosen))
            }
        };
        if let Some(answer) = answer {
            answers
                .set(content, &question.id, answer)
                .map_err(|_| ShareError::Malformed)?;
        }
    }
    if bits.rest_is_nonzero() {
        return Err(ShareError::Malformed);
    }
    // Setting a later answer cannot hide an earlier one while conditions only look
    // back, but content is data: insisting on one encoding per answer set also covers
    // content that breaks that rule.
    if encode_answers(content, &answers, made_on) != bytes {
        return Err(ShareError::Malformed);
    }
    Ok(SharedAnswers { answers, made_on })
}

fn write_day(out: &mut Vec<u8>, day: Day) {
    let days = day.epoch_days();
    // Zigzag keeps days just before 1970 as short as days just after.
    let mut value = ((days << 1) ^ (days >> 31)) as u32;
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_day(bytes: &[u8]) -> Result<(Day, &[u8]), ShareError> {
    let mut value: u32 = 0;
    for (index, &byte) in bytes.iter().enumerate().take(5) {
        let low = u32::from(byte & 0x7f);
        // The fifth byte holds only the top four bits of a u32.
        if index == 4 && byte > 0x0f {
            return Err(ShareError::Malformed);
        }
        value |= low << (7 * index);
        if byte & 0x80 == 0 {
            // A trailing zero group would give a second spelling of the same day.
            if index > 0 && byte == 0 {
                return Err(ShareError::Malformed);
            }
            let days = ((value >> 1) as i32) ^ -((value & 1) as i32);
            return Ok((Day::from_epoch_days(days), &bytes[index + 1..]));
        }
    }
    if bytes.len() >= 5 {
        Err(ShareError::Malformed)
    } else {
        Err(ShareError::Truncated)
    }
}

struct BitWriter {
    out: Vec<u8>,
    used: u32,
}

impl BitWriter {
    fn new(out: Vec<u8>) -> BitWriter {
        BitWriter { out, used: 8 }
    }

    fn write_bit(&mut self, bit: bool) {
        if self.used == 8 {
            self.out.push(0);
            self.used = 0;
        }
        if bit {
            if let Some(last) = self.out.last_mut() {
                *last |= 1 << self.used;
            }
        }
        self.used += 1;
    }

    fn write(&mut self, value: u64, width: u32) {
        for bit in 0..width.min(64) {
            self.write_bit((value >> bit) & 1 == 1);
        }
    }

    fn finish(self) -> Vec<u8> {
        self.out
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> BitReader<'a> {
        BitReader { bytes, position: 0 }
    }

    /// Past the end reads zero; callers check the length first.
    fn read_bit(&mut self) -> bool {
        let bit = self
            .bytes
            .get(self.position / 8)
            .is_some_and(|byte| (byte >> (self.position % 8)) & 1 == 1);
        self.position = self.position.saturating_add(1);
        bit
    }

    fn read(&mut self, width: u32) -> u64 {
        (0..width.min(64)).fold(0, |value, bit| value | (u64::from(self.read_bit()) << bit))
    }

    fn rest_is_nonzero(&self) -> bool {
        let mut rest = self.bytes.iter().skip(self.position / 8);
        let used_of_current = self.position % 8;
        let partial =
            used_of_current != 0 && rest.next().is_some_and(|byte| byte >> used_of_current != 0);
        partial || rest.any(|&byte| byte != 0)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url (RFC 4648 §5) without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut push = |sextet: u32| out.push(char::from(ALPHABET[(sextet & 0x3f) as usize]));
    for chunk in bytes.chunks(3) {
        let [a, b, c] = [0, 1, 2].map(|i| u32::from(chunk.get(i).copied().unwrap_or(0)));
        let group = (a << 16) | (b << 8) | c;
        push(group >> 18);
        push(group >> 12);
        if chunk.len() > 1 {
            push(group >> 6);
        }
        if chunk.len() > 2 {
            push(group);
        }
    }
    out
}

fn sextet(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Reads unpadded base64url, refusing anything [`base64url_encode`] would not write:
/// other characters (including `=`, `+` and `/`), a length no byte string encodes to,
/// and unused low bits in the last character that are not zero.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let input = text.as_bytes();
    if input.len() % 4 == 1 {
        return Err(ShareError::NotBase64);
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 2);
    for chunk in input.chunks(4) {
        let mut group = 0u32;
        for (index, &byte) in chunk.iter().enumerate() {
            let value = sextet(byte).ok_or(ShareError::NotBase64)?;
            group |= value << (18 - 6 * index);
        }
        let [_, a, b, c] = group.to_be_bytes();
        let (keep, unused) = match chunk.len() {
            4 => (3, 0),
            3 => (2, u32::from(c)),
            _ => (1, u32::from(b) | u32::from(c)),
        };
        if unused != 0 {
            return Err(ShareError::NotBase64);
        }
        out.extend_from_slice(&[a, b, c][..keep]);
    }
    Ok(out)
}

/// What opens the sealed bytes of a link.
#[derive(Clone, PartialEq, Eq)]
pub enum LinkSecret {
    /// The AES-GCM key itself, for a link that opens without a passphrase.
    Key(Vec<u8>),
    /// The salt to derive the key from a passphrase the reader types.
    Salt(Vec<u8>),
}

// The key opens the answers, so it stays out of logs and panic messages.
impl fmt::Debug for LinkSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkSecret::Key(key) => write!(f, "Key({} bytes)", key.len()),
            LinkSecret::Salt(salt) => f.debug_tuple("Salt").field(salt).finish(),
        }
    }
}

/// The parts of a share link's fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLink {
    pub secret: LinkSecret,
    /// The 12-byte IV followed by the ciphertext and its 16-byte tag.
    pub sealed: Vec<u8>,
}

/// `#r=1.<key>.<sealed>` or `#r=1p.<salt>.<sealed>`, base64url without padding.
/// Lengths are not checked here; [`parse_fragment`] checks them on the way back.
pub fn build_fragment(link: &ShareLink) -> String {
    let (mode, secret) = match &link.secret {
        LinkSecret::Key(key) => ("", key),
        LinkSecret::Salt(salt) => ("p", salt),
    };
    format!(
        "#{PREFIX}{LINK_VERSION}{mode}.{}.{}",
        base64url_encode(secret),
        base64url_encode(&link.sealed)
    )
}

/// Whether a fragment (with or without `#`) is meant as a share link, so callers can
/// leave ordinary anchors alone. [`parse_fragment`] answers
/// [`ShareError::NotAShareLink`] exactly when this is false.
pub fn is_share_fragment(fragment: &str) -> bool {
    strip_hash(fragment).starts_with(PREFIX)
}

fn strip_hash(fragment: &str) -> &str {
    fragment.strip_prefix('#').unwrap_or(fragment)
}

/// Splits a fragment made by [`build_fragment`] into its parts and checks their lengths.
pub fn parse_fragment(fragment: &str) -> Result<ShareLink, ShareError> {
    let rest = strip_hash(fragment)
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotAShareLink)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (version, rest) = rest.split_at(digits);
    if version.is_empty() {
        return Err(if rest.is_empty() {
            ShareError::Truncated
        } else {
            ShareError::Malformed
        });
    }
    // Leading zeros ("01") are no version anyone wrote, so not an unknown one either.
    match version
        .parse::<u8>()
        .ok()
        .filter(|_| !version.starts_with('0'))
    {
        Some(LINK_VERSION) => {}
        Some(other) => return Err(ShareError::UnknownVersion(other)),
        None => return Err(ShareError::Malformed),
    }
    let (passphrase, rest) = match rest.strip_prefix('p') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let rest = match rest.strip_prefix('.') {
        Some(rest) => rest,
        None if rest.is_empty() => return Err(ShareError::Truncated),
        None => return Err(ShareError::Malformed),
    };
    let mut parts = rest.split('.');
    let (secret, sealed) = match (parts.next(), parts.next(), parts.next()) {
        (Some(secret), Some(sealed), None) if !secret.is_empty() && !sealed.is_empty() => {
            (secret, sealed)
        }
        (_, _, Some(_)) | (Some(""), Some(_), None) => return Err(ShareError::Malformed),
        _ => return Err(ShareError::Truncated),
    };

    let secret = base64url_decode(secret)?;
    let expected = if passphrase { SALT_LEN } else { KEY_LEN };
    if secret.len() != expected {
        return Err(ShareError::Malformed);
    }
    // Checked before decoding so an oversized fragment costs nothing.
    if sealed.len() > base64url_encode_len(MAX_SEALED_LEN) {
        return Err(ShareError::Malformed);
    }
    let sealed = base64url_decode(sealed)?;
    if sealed.len() < MIN_SEALED_LEN {
        return Err(ShareError::Truncated);
    }
    if sealed.len() > MAX_SEALED_LEN {
        return Err(ShareError::Malformed);
    }
    let secret = if passphrase {
        LinkSecret::Salt(secret)
    } else {
        LinkSecret::Key(secret)
    };
    Ok(ShareLink { secret, sealed })
}

/// Characters [`base64url_encode`] writes for `len` bytes.
fn base64url_encode_len(len: usize) -> usize {
    (len / 3) * 4
        + match len % 3 {
            0 => 0,
            1 => 2,
            _ => 3,
        }
}
