//! JSON for the saved state and imported files, read and written through serde.
//!
//! The text is the text `serde_json::to_string` writes, and any JSON serde_json reads is
//! read to the same value: the tests below hold this codec to serde_json, which stays
//! for the content build and the tests. It exists for size. In the wasm, serde_json's
//! parser, its float tables, its error formatting and its map-key machinery came to
//! about 10 KB gzip; this does the one job the widget needs in a fraction of that.
//!
//! Two deliberate differences. Numbers with a fraction or an exponent are read only
//! roughly (nothing we save holds one; the first look at an import only needs to know
//! that a value is not a whole number), and writing one is refused. And a value nested
//! deeper than [`MAX_DEPTH`] is refused, as serde_json does, so a hostile file cannot
//! exhaust the stack.

use std::borrow::Cow;
use std::fmt::{self, Display};

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Impossible, Serialize};

/// Why a text is not the JSON expected, or a value could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }

    // These two name what was found in words of our own: serde's own wording prints
    // the number found, and printing a float compiles float formatting into the wasm.
    fn invalid_type(found: de::Unexpected, expected: &dyn de::Expected) -> Self {
        Error(format!("found {}, expected {expected}", describe(&found)))
    }

    fn invalid_value(found: de::Unexpected, expected: &dyn de::Expected) -> Self {
        Error(format!("found {}, expected {expected}", describe(&found)))
    }
}

fn describe(found: &de::Unexpected) -> &'static str {
    use de::Unexpected::*;
    match found {
        Bool(_) => "true or false",
        Unsigned(_) | Signed(_) | Float(_) => "a number",
        Char(_) | Str(_) => "a string",
        Unit => "null",
        Seq => "a list",
        Map => "an object",
        _ => "another kind of value",
    }
}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// Arrays and objects nested deeper than this are refused (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// `value` as compact JSON, laid out as `serde_json::to_string` lays it out.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = String::with_capacity(256);
    value.serialize(Writer { out: &mut out })?;
    Ok(out)
}

/// Reads `text`, which must be one whole JSON value (white space around it allowed).
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut reader = Reader {
        text,
        pos: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.skip_space();
    if reader.pos < text.len() {
        return Err(reader.error("text after the JSON value"));
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------
// Reading

struct Reader<'de> {
    text: &'de str,
    /// Always on a character boundary: it only ever stops on ASCII bytes.
    pos: usize,
    depth: usize,
}

enum Number {
    Whole(u64),
    Negative(i64),
    Fraction(f64),
}

impl<'de> Reader<'de> {
    fn rest(&self) -> &'de [u8] {
        self.text.as_bytes().get(self.pos..).unwrap_or_default()
    }

    fn error(&self, what: &str) -> Error {
        Error(format!("{what} at byte {}", self.pos))
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.rest().first() {
            self.pos += 1;
        }
    }

    /// The next byte that is not white space, left unread.
    #[inline(never)]
    fn peek(&mut self) -> Result<u8, Error> {
        self.skip_space();
        match self.rest().first() {
            Some(&byte) => Ok(byte),
            None => Err(self.error("the JSON ends too early")),
        }
    }

    #[inline(never)]
    fn expect(&mut self, byte: u8, what: &str) -> Result<(), Error> {
        if self.peek()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn word(&mut self, word: &[u8]) -> Result<(), Error> {
        if self.rest().starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("not JSON"))
        }
    }

    /// Steps into an array or object (its opening bracket is next).
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        self.pos += 1;
        Ok(())
    }

    #[inline(never)]
    fn leave(&mut self, close: u8) -> Result<(), Error> {
        self.expect(close, "a list or object not closed where expected")?;
        self.depth -= 1;
        Ok(())
    }

    /// A string whose opening quote is next; borrowed from the text when it has no escapes.
    #[inline(never)]
    fn string(&mut self) -> Result<Cow<'de, str>, Error> {
        self.pos += 1;
        let text = self.text;
        let mut owned: Option<String> = None;
        let mut run = self.pos;
        loop {
            match self.rest().first() {
                None => return Err(self.error("a string that is not closed")),
                Some(b'"') => {
                    let tail = text.get(run..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut whole) => {
                            whole.push_str(tail);
                            Cow::Owned(whole)
                        }
                    });
                }
                Some(b'\\') => {
                    let before = text.get(run..self.pos).unwrap_or_default();
                    self.pos += 1;
                    let escaped = self.escape()?;
                    let whole = owned.get_or_insert_with(String::new);
                    whole.push_str(before);
                    whole.push(escaped);
                    run = self.pos;
                }
                Some(0..=0x1f) => return Err(self.error("a control character in a string")),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The character an escape stands for; the backslash has been read.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(&letter) = self.rest().first() else {
            return Err(self.error("a string that is not closed"));
        };
        self.pos += 1;
        Ok(match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate only counts with the low one after it.
                    if !self.rest().starts_with(b"\\u") {
                        return Err(self.error("a lone surrogate in a string"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("a lone surrogate in a string"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                // Refuses a low surrogate on its own.
                char::from_u32(code).ok_or_else(|| self.error("a lone surrogate in a string"))?
            }
            _ => return Err(self.error("an unknown escape in a string")),
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .rest()
                .first()
                .and_then(|&byte| char::from(byte).to_digit(16))
                .ok_or_else(|| self.error("a broken \\u escape in a string"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let count = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.pos += count;
        count
    }

    #[inline(never)]
    fn number(&mut self) -> Result<Number, Error> {
        let negative = self.rest().first() == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let whole_start = self.pos;
        let whole_digits = self.digits();
        let leading_zero = whole_digits > 1 && self.text.as_bytes().get(whole_start) == Some(&b'0');
        if whole_digits == 0 || leading_zero {
            return Err(self.error("not a JSON number"));
        }
        let whole_end = self.pos;
        let mut fraction_digits = 0;
        let mut has_fraction = false;
        if self.rest().first() == Some(&b'.') {
            self.pos += 1;
            fraction_digits = self.digits();
            if fraction_digits == 0 {
                return Err(self.error("not a JSON number"));
            }
            has_fraction = true;
        }
        let mut exponent: i32 = 0;
        if let Some(b'e' | b'E') = self.rest().first() {
            self.pos += 1;
            let sign = match self.rest().first() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            if sign != 0 {
                self.pos += 1;
            }
            let digits_start = self.pos;
            if self.digits() == 0 {
                return Err(self.error("not a JSON number"));
            }
            let digits = self
                .text
                .as_bytes()
                .get(digits_start..self.pos)
                .unwrap_or_default();
            exponent = digits.iter().fold(0i32, |sum, d| {
                sum.saturating_mul(10).saturating_add(i32::from(d - b'0'))
            });
            if sign < 0 {
                exponent = -exponent;
            }
            has_fraction = true;
        }
        let whole = self
            .text
            .as_bytes()
            .get(whole_start..whole_end)
            .unwrap_or_default();
        if !has_fraction {
            let magnitude = whole.iter().try_fold(0u64, |sum, d| {
                sum.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            });
            match (negative, magnitude) {
                (false, Some(n)) => return Ok(Number::Whole(n)),
                // serde_json reads "-0" as the float -0.0; so does this.
                (true, Some(n)) if n > 0 && n <= 1 << 63 => {
                    return Ok(Number::Negative((n as i64).wrapping_neg()))
                }
                _ => {}
            }
        }
        // Roughly: the digits as a float, scaled. Close enough to tell numbers apart.
        let digits = self
            .text
            .as_bytes()
            .get(whole_start..self.pos)
            .unwrap_or_default();
        let mantissa = digits
            .iter()
            .filter(|d| d.is_ascii_digit())
            .take(whole_digits + fraction_digits)
            .fold(0.0f64, |sum, d| sum * 10.0 + f64::from(d - b'0'));
        let scale = exponent.saturating_sub(fraction_digits as i32);
        let value = mantissa * 10f64.powi(scale);
        Ok(Number::Fraction(if negative { -value } else { value }))
    }
}

/// What a value starts with. Read by one function that is not generic, so each type
/// read adds only its own small dispatch over it to the wasm.
enum Token<'de> {
    Null,
    Bool(bool),
    Text(Cow<'de, str>),
    Number(Number),
    /// An opening bracket, already read (and counted in the depth).
    List,
    Object,
}

impl<'de> Reader<'de> {
    #[inline(never)]
    fn token(&mut self) -> Result<Token<'de>, Error> {
        Ok(match self.peek()? {
            b'n' => {
                self.word(b"null")?;
                Token::Null
            }
            b't' => {
                self.word(b"true")?;
                Token::Bool(true)
            }
            b'f' => {
                self.word(b"false")?;
                Token::Bool(false)
            }
            b'"' => Token::Text(self.string()?),
            b'[' => {
                self.enter()?;
                Token::List
            }
            b'{' => {
                self.enter()?;
                Token::Object
            }
            b'-' | b'0'..=b'9' => Token::Number(self.number()?),
            _ => return Err(self.error("not JSON")),
        })
    }

    /// A value of the wrong kind for what is being read.
    #[inline(never)]
    fn wrong(&self, expected: &str) -> Error {
        Error(format!("expected {expected} at byte {}", self.pos))
    }

    /// Reads past one whole value of any kind.
    #[inline(never)]
    fn skip_value(&mut self) -> Result<(), Error> {
        let close = match self.token()? {
            Token::List => b']',
            Token::Object => b'}',
            _ => return Ok(()),
        };
        let mut first = true;
        loop {
            if self.peek()? == close {
                return self.leave(close);
            }
            if !std::mem::replace(&mut first, false) {
                self.expect(b',', "a missing comma")?;
            }
            if close == b'}' {
                self.key()?;
            }
            self.skip_value()?;
        }
    }

    /// An object's key and the colon after it.
    #[inline(never)]
    fn key(&mut self) -> Result<Cow<'de, str>, Error> {
        if self.peek()? != b'"' {
            return Err(self.error("a key that is not a string"));
        }
        let key = self.string()?;
        self.expect(b':', "a missing colon")?;
        Ok(key)
    }
}

impl<'de> Reader<'de> {
    /// The items of a list whose opening bracket has been read, and its closing one.
    fn list<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let value = visitor.visit_seq(Items::new(self))?;
        self.leave(b']')?;
        Ok(value)
    }

    /// The fields of an object whose opening brace has been read, and its closing one.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let value = visitor.visit_map(Items::new(self))?;
        self.leave(b'}')?;
        Ok(value)
    }
}

fn visit_text<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, Error> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

/// Kinds read exactly as a wider kind is (a `u8` as any whole number, whose visitor
/// checks the range; a struct as an object).
macro_rules! read_as {
    ($($method:ident($($arg:ty),*) => $wider:ident;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $(_: $arg,)* visitor: V) -> Result<V::Value, Error> {
            self.$wider(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(value) => visitor.visit_bool(value),
            Token::Text(text) => visit_text(text, visitor),
            Token::Number(Number::Whole(n)) => visitor.visit_u64(n),
            Token::Number(Number::Negative(n)) => visitor.visit_i64(n),
            Token::Number(Number::Fraction(x)) => visitor.visit_f64(x),
            Token::List => self.list(visitor),
            Token::Object => self.object(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Bool(value) => visitor.visit_bool(value),
            _ => Err(self.wrong("true or false")),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Number(Number::Whole(n)) => visitor.visit_u64(n),
            Token::Number(Number::Negative(n)) => visitor.visit_i64(n),
            _ => Err(self.wrong("a whole number")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Text(text) => visit_text(text, visitor),
            _ => Err(self.wrong("a string")),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::List => self.list(visitor),
            _ => Err(self.wrong("a list")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Object => self.object(visitor),
            _ => Err(self.wrong("an object")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek()? == b'n' {
            self.word(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            _ => Err(self.wrong("null")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// `"name"` for a unit variant, `{"name": value}` for the others.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Text(name) => visitor.visit_enum(name.into_deserializer()),
            Token::Object => {
                let value = visitor.visit_enum(&mut *self)?;
                self.leave(b'}')?;
                Ok(value)
            }
            _ => Err(self.wrong("an enum variant")),
        }
    }

    read_as! {
        deserialize_u8() => deserialize_u64;
        deserialize_u16() => deserialize_u64;
        deserialize_u32() => deserialize_u64;
        deserialize_i8() => deserialize_u64;
        deserialize_i16() => deserialize_u64;
        deserialize_i32() => deserialize_u64;
        deserialize_i64() => deserialize_u64;
        deserialize_string() => deserialize_str;
        deserialize_identifier() => deserialize_str;
        deserialize_tuple(usize) => deserialize_seq;
        deserialize_tuple_struct(&'static str, usize) => deserialize_seq;
        deserialize_struct(&'static str, &'static [&'static str]) => deserialize_map;
        deserialize_unit_struct(&'static str) => deserialize_unit;
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf
    }
}

/// The items of an array or the fields of an object, after its opening bracket.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'a, 'de> Items<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>) -> Self {
        Items {
            reader,
            first: true,
        }
    }

    /// False at the closing bracket; otherwise steps over the comma before an item.
    #[inline(never)]
    fn next(&mut self, close: u8) -> Result<bool, Error> {
        if self.reader.peek()? == close {
            return Ok(false);
        }
        if !std::mem::replace(&mut self.first, false) {
            self.reader.expect(b',', "a missing comma")?;
        }
        Ok(true)
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.next(b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.next(b'}')? {
            return Ok(None);
        }
        let key = self.reader.key()?;
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = self.key()?;
        let variant = seed.deserialize(Key(name))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

/// An object's key. A key holding a number reads as that number when one is wanted, as
/// serde_json allows (`{"3": …}` for a map keyed by step).
struct Key<'de>(Cow<'de, str>);

macro_rules! key_as_number {
    ($($method:ident => $parse:ty, $visit:ident;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.0.parse::<$parse>() {
                Ok(number) => visitor.$visit(number),
                Err(_) => self.deserialize_any(visitor),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    key_as_number! {
        deserialize_u8 => u64, visit_u64;
        deserialize_u16 => u64, visit_u64;
        deserialize_u32 => u64, visit_u64;
        deserialize_u64 => u64, visit_u64;
        deserialize_i8 => i64, visit_i64;
        deserialize_i16 => i64, visit_i64;
        deserialize_i32 => i64, visit_i64;
        deserialize_i64 => i64, visit_i64;
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf option unit unit_struct seq
        tuple tuple_struct map struct identifier ignored_any
    }
}

// ---------------------------------------------------------------------------------------
// Writing

struct Writer<'a> {
    out: &'a mut String,
}

fn write_whole(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

fn write_signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    write_whole(out, n.unsigned_abs());
}

/// A JSON string, escaped as serde_json escapes: quotes, backslashes and control
/// characters only.
fn write_text(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "\\u00",
            _ => continue,
        };
        out.push_str(text.get(run..at).unwrap_or_default());
        out.push_str(escape);
        if escape == "\\u00" {
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        run = at + 1;
    }
    out.push_str(text.get(run..).unwrap_or_default());
    out.push('"');
}

fn no_fractions() -> Error {
    Error("a number with a fraction cannot be saved".to_string())
}

/// Smaller whole numbers are written as the 64-bit ones are.
macro_rules! write_as {
    ($($method:ident($small:ty) => $wide:ident;)*) => {$(
        fn $method(self, value: $small) -> Result<(), Error> {
            self.$wide(value.into())
        }
    )*};
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }
    write_as! {
        serialize_i8(i8) => serialize_i64;
        serialize_i16(i16) => serialize_i64;
        serialize_i32(i32) => serialize_i64;
        serialize_u8(u8) => serialize_u64;
        serialize_u16(u16) => serialize_u64;
        serialize_u32(u32) => serialize_u64;
    }
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        write_signed(self.out, value);
        Ok(())
    }
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        write_whole(self.out, value);
        Ok(())
    }
    fn serialize_f32(self, _value: f32) -> Result<(), Error> {
        Err(no_fractions())
    }
    fn serialize_f64(self, _value: f64) -> Result<(), Error> {
        Err(no_fractions())
    }
    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_text(self.out, value);
        Ok(())
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut items = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            ser::SerializeSeq::serialize_element(&mut items, byte)?;
        }
        ser::SerializeSeq::end(items)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        write_text(self.out, variant);
        self.out.push(':');
        value.serialize(Writer {
            out: &mut *self.out,
        })?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, None, "[", "]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, Some(variant), "[", "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, None, "{", "}"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, Some(variant), "{", "}}"))
    }
}

/// An array or object being written: its items, then its closing bracket(s).
struct Compound<'a> {
    out: &'a mut String,
    first: bool,
    close: &'static str,
}

impl<'a> Compound<'a> {
    fn open(
        out: &'a mut String,
        variant: Option<&str>,
        open: &str,
        close: &'static str,
    ) -> Compound<'a> {
        if let Some(variant) = variant {
            out.push('{');
            write_text(out, variant);
            out.push(':');
        }
        out.push_str(open);
        Compound {
            out,
            first: true,
            close,
        }
    }

    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(',');
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        write_text(self.out, key);
        self.out.push(':');
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }

    fn close(self) -> Result<(), Error> {
        self.out.push_str(self.close);
        Ok(())
    }
}

/// serde's four kinds of list and two kinds of struct all write an item or a field.
macro_rules! compound {
    ($($kind:ident :: $method:ident;)*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
    ($($kind:ident :: $method:ident (key);)*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

compound! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

compound! {
    SerializeStruct::serialize_field(key);
    SerializeStructVariant::serialize_field(key);
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter {
            out: &mut *self.out,
        })?;
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key: text as it is, a whole number in quotes (as serde_json writes them).
struct KeyWriter<'a> {
    out: &'a mut String,
}

fn key_must_be_text() -> Error {
    Error("a map key must be text or a whole number".to_string())
}

/// What a key cannot be: anything but text or a whole number.
macro_rules! not_a_key {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ok, Error> {
            Err(key_must_be_text())
        }
    )*};
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    write_as! {
        serialize_i8(i8) => serialize_i64;
        serialize_i16(i16) => serialize_i64;
        serialize_i32(i32) => serialize_i64;
        serialize_u8(u8) => serialize_u64;
        serialize_u16(u16) => serialize_u64;
        serialize_u32(u32) => serialize_u64;
    }
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        self.out.push('"');
        write_signed(self.out, value);
        self.out.push('"');
        Ok(())
    }
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        self.out.push('"');
        write_whole(self.out, value);
        self.out.push('"');
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_text(self.out, value);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_text())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_text())
    }
    not_a_key! {
        serialize_bool(bool) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::Value;

    use super::{from_str, to_string, MAX_DEPTH};
    use crate::domain::{Answer, AppState};

    /// Any JSON without fractions: every control character, escapes, text beyond
    /// ASCII (astral too), whole numbers across both signed and unsigned ranges. Also
    /// what `domain::indent`'s tests lay out.
    pub(crate) fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            "[a-z\"\\\\/{}\\[\\],: \u{0}-\u{1f}\u{7f}é→😀]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("[a-z:,{\"\u{1}é]{0,6}", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(value in json()) {
            prop_assert_eq!(to_string(&value), Ok(serde_json::to_string(&value).unwrap_or_default()));
        }

        #[test]
        fn reads_what_serde_json_reads_compact_or_indented(value in json()) {
            let compact = serde_json::to_string(&value).unwrap_or_default();
            let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
            prop_assert_eq!(from_str::<Value>(&compact), Ok(value.clone()));
            prop_assert_eq!(from_str::<Value>(&pretty), Ok(value));
        }

        /// Whatever the text, the codec answers (a value or an error) without panicking,
        /// and never accepts what serde_json refuses.
        #[test]
        fn refuses_what_serde_json_refuses(text in "[\\[\\]{}\":,0-9a-z\\\\ .eE+-]{0,24}") {
            let ours = from_str::<Value>(&text);
            if serde_json::from_str::<Value>(&text).is_err() {
                prop_assert!(ours.is_err(), "{text:?} was read as {ours:?}");
            }
        }
    }

    #[test]
    fn escapes_are_read_including_surrogate_pairs() {
        assert_eq!(
            from_str::<String>(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u2192\ud83d\ude00""#),
            Ok("a\"b\\c/d\u{8}\u{c}\n\r\té→😀".to_string())
        );
        for broken in [
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\x41""#,
            r#""\u12""#,
            "\"a\u{1}b\"",
            r#""open"#,
            r#""\"#,
        ] {
            assert!(from_str::<String>(broken).is_err(), "{broken}");
            assert!(serde_json::from_str::<String>(broken).is_err(), "{broken}");
        }
    }

    #[test]
    fn numbers_follow_json_grammar() {
        assert_eq!(from_str::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(from_str::<u32>(" 7 "), Ok(7));
        assert!(from_str::<u8>("256").is_err(), "out of range for the type");
        assert!(from_str::<u32>("-1").is_err());
        assert!(
            from_str::<u32>("1.0").is_err(),
            "a fraction is not a whole number"
        );
        for bad in [
            "01", "1.", ".5", "-", "1e", "+1", "0x1", "1e+", "--1", "1.2.3",
        ] {
            assert!(from_str::<Value>(bad).is_err(), "{bad}");
        }
        // Fractions and numbers beyond 64 bits are read roughly, as numbers.
        for (text, near) in [
            ("1.5", 1.5),
            ("-2.5e2", -250.0),
            ("1E-2", 0.01),
            ("18446744073709551616", 1.8446744073709552e19),
        ] {
            let read = from_str::<Value>(text).ok().and_then(|v| v.as_f64());
            assert!(
                read.is_some_and(|x| (x - near).abs() <= near.abs() * 1e-9),
                "{text}: {read:?}"
            );
        }
        assert_eq!(
            from_str::<Value>("-0").ok().and_then(|v| v.as_f64()),
            Some(-0.0)
        );
        assert!(to_string(&1.5f64).is_err(), "fractions are never saved");
    }

    #[test]
    fn only_one_whole_value_is_read() {
        for bad in [
            "",
            "  ",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{,}",
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            "{1:2}",
            "nul",
            "truex",
            "[1] [2]",
            "{\"a\":1}}",
        ] {
            assert!(from_str::<Value>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            from_str::<Value>(" \n[ 1 , {\"a\" : null} ]\t"),
            Ok(serde_json::json!([1, {"a": null}]))
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(from_str::<Value>(&deep).is_err());
        assert!(from_str::<AppState>(&deep).is_err());
        let deep_objects = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
        assert!(from_str::<Value>(&deep_objects).is_err());
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(from_str::<Value>(&fine).is_ok());
        let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(from_str::<Value>(&too_deep).is_err());
    }

    #[test]
    fn map_keys_may_be_numbers_in_quotes_as_serde_json_writes_them() {
        let map: BTreeMap<u32, bool> = [(3, true), (12, false)].into_iter().collect();
        let text = to_string(&map);
        assert_eq!(text, Ok(serde_json::to_string(&map).unwrap_or_default()));
        assert_eq!(text.as_deref(), Ok(r#"{"3":true,"12":false}"#));
        assert_eq!(
            from_str::<BTreeMap<u32, bool>>(r#"{"3":true,"12":false}"#),
            Ok(map)
        );
        assert!(from_str::<BTreeMap<u32, bool>>(r#"{"x":true}"#).is_err());
        let listed: BTreeMap<Vec<u8>, bool> = [(vec![1], true)].into_iter().collect();
        assert!(to_string(&listed).is_err(), "a list cannot be a key");
    }

    #[test]
    fn enum_variants_read_and_write_as_serde_json_does() {
        let answers = [Answer::single("yes"), Answer::multiple(["a", "b"])];
        let text = to_string(&answers);
        assert_eq!(
            text,
            Ok(serde_json::to_string(&answers).unwrap_or_default())
        );
        assert_eq!(
            text.as_deref(),
            Ok(r#"[{"single":"yes"},{"multiple":["a","b"]}]"#)
        );
        assert_eq!(
            from_str::<Vec<Answer>>(r#"[{"single":"yes"},{"multiple":["a","b"]}]"#),
            Ok(answers.to_vec())
        );
        for bad in [
            r#"{"single":1}"#,
            r#"{"other":"x"}"#,
            r#"{}"#,
            r#"{"single":"a","multiple":[]}"#,
            r#""single""#,
        ] {
            assert!(from_str::<Answer>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<Answer>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_wrong_kind_of_value_is_named_in_the_error() {
        let error = from_str::<AppState>(r#"{"format":"rekindle","version":"1","revision":0}"#);
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.to_string().contains("whole number")),
            "{error:?}"
        );
        let error = from_str::<Vec<u32>>(r#"[true]"#);
        assert!(error.is_err_and(|e| e.to_string().contains("whole number")));
    }
}
