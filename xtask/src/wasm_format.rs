//! The few pieces of the wasm binary format the build reads and writes itself: LEB128
//! numbers, names and the list of sections. Shared by `short_names.rs` (import and
//! export names) and `split.rs` (the later texts' data).

use std::ops::Range;

/// Reads a module (or a section's body) from `at` on.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], at: usize) -> Self {
        Reader { bytes, at }
    }

    pub fn byte(&mut self) -> Result<u8, String> {
        let byte = *self.bytes.get(self.at).ok_or("the module ends early")?;
        self.at += 1;
        Ok(byte)
    }

    /// An unsigned LEB128 number.
    pub fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number is too long".into())
    }

    /// A signed LEB128 number (an `i32.const` or `i64.const` operand).
    pub fn sleb(&mut self) -> Result<i64, String> {
        let mut value = 0i64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= i64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                if shift + 7 < 64 && byte & 0x40 != 0 {
                    value |= -1 << (shift + 7);
                }
                return Ok(value);
            }
        }
        Err("a number is too long".into())
    }

    /// A name: its length, then UTF-8.
    pub fn name(&mut self) -> Result<&'a str, String> {
        let length = self.leb()? as usize;
        let end = self
            .at
            .checked_add(length)
            .filter(|&end| end <= self.bytes.len())
            .ok_or("a name runs past the end")?;
        let name = std::str::from_utf8(&self.bytes[self.at..end])
            .map_err(|_| "a name is not UTF-8".to_string())?;
        self.at = end;
        Ok(name)
    }

    /// A table's or memory's limits: flags, the minimum, and the maximum if flagged.
    pub fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

pub fn push_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn push_sleb(out: &mut Vec<u8>, mut value: i64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
        out.push(if done { byte } else { byte | 0x80 });
        if done {
            return;
        }
    }
}

pub fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// Each section of `wasm`, in order: its id and where its body is.
pub fn sections(wasm: &[u8]) -> Result<Vec<(u8, Range<usize>)>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut found = Vec::new();
    let mut reader = Reader::new(wasm, 8);
    while reader.at < wasm.len() {
        let id = reader.byte()?;
        let size = reader.leb()? as usize;
        let body = reader
            .at
            .checked_add(size)
            .filter(|&end| end <= wasm.len())
            .map(|end| reader.at..end)
            .ok_or("a section runs past the end")?;
        reader.at = body.end;
        found.push((id, body));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::{push_leb, push_sleb, Reader};

    #[test]
    fn numbers_read_back_as_written() {
        for value in [
            0_i64,
            1,
            63,
            64,
            -1,
            -64,
            -65,
            1_118_528,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
        ] {
            let mut bytes = Vec::new();
            push_sleb(&mut bytes, value);
            let mut reader = Reader::new(&bytes, 0);
            assert_eq!(reader.sleb(), Ok(value));
            assert_eq!(reader.at, bytes.len());
        }
        for value in [0_u64, 127, 128, 624_485, u64::from(u32::MAX)] {
            let mut bytes = Vec::new();
            push_leb(&mut bytes, value);
            assert_eq!(Reader::new(&bytes, 0).leb(), Ok(value));
        }
    }
}
