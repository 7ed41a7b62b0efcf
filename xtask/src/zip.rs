//! A small, deterministic zip writer for the release archive: the same entries always
//! give the same bytes. Every entry has the same fixed date (1980-01-01 00:00, the
//! earliest a zip can hold), Unix permissions 644 (files) or 755 (folders), no extra
//! fields and no comment; the caller decides the order. Files are deflated (flate2, level
//! 9) unless that makes them larger, then stored. No zip64: an entry or the archive past
//! 4 GiB is refused.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

use crate::{Failure, Result};

const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// Version 2.0: deflate and folders.
const VERSION_NEEDED: u16 = 20;
/// Made on Unix (3, high byte), so unzip restores the permissions below.
const VERSION_MADE_BY: u16 = (3 << 8) | VERSION_NEEDED;
/// MS-DOS date of 1980-01-01 (day 1, month 1, year 0 since 1980); time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
const FILE_MODE: u32 = 0o100_644;
const FOLDER_MODE: u32 = 0o040_755;
/// The MS-DOS "directory" attribute, for tools that read only the low byte.
const DOS_FOLDER: u32 = 0x10;

/// One entry: a path with `/` separators; a path ending in `/` is a folder (no bytes).
pub struct Entry {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Entry {
    pub fn folder(name: &str) -> Self {
        Entry {
            name: format!("{}/", name.trim_end_matches('/')),
            bytes: Vec::new(),
        }
    }

    pub fn file(name: &str, bytes: Vec<u8>) -> Self {
        Entry {
            name: name.to_string(),
            bytes,
        }
    }

    fn is_folder(&self) -> bool {
        self.name.ends_with('/')
    }
}

/// The zip archive holding `entries`, in that order.
pub fn archive(entries: &[Entry]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = size32(out.len(), "the archive")?;
        let mut crc = Crc::new();
        crc.update(&entry.bytes);
        let deflated = deflate(&entry.bytes)?;
        let (method, data) = if entry.is_folder() || deflated.len() >= entry.bytes.len() {
            (STORED, entry.bytes.as_slice())
        } else {
            (DEFLATED, deflated.as_slice())
        };
        let name = entry.name.as_bytes();
        let name_len = u16::try_from(name.len())
            .map_err(|_| Failure::new(format!("the path {} is too long for a zip", entry.name)))?;
        let compressed = size32(data.len(), &entry.name)?;
        let original = size32(entry.bytes.len(), &entry.name)?;
        // Fields shared by the local header and the central directory, in zip's order.
        let mut common = Vec::with_capacity(26);
        common.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&method.to_le_bytes());
        common.extend_from_slice(&DOS_TIME.to_le_bytes());
        common.extend_from_slice(&DOS_DATE.to_le_bytes());
        common.extend_from_slice(&crc.sum().to_le_bytes());
        common.extend_from_slice(&compressed.to_le_bytes());
        common.extend_from_slice(&original.to_le_bytes());
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length

        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(data);

        let attributes = if entry.is_folder() {
            (FOLDER_MODE << 16) | DOS_FOLDER
        } else {
            FILE_MODE << 16
        };
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        central.extend_from_slice(&common);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&attributes.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let count = u16::try_from(entries.len())
        .map_err(|_| Failure::new("too many files for a zip without zip64"))?;
    let central_offset = size32(out.len(), "the archive")?;
    let central_size = size32(central.len(), "the archive's directory")?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // disk with the directory
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    size32(out.len(), "the archive")?;
    Ok(out)
}

fn deflate(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| Failure::new(format!("cannot compress a file for the zip ({e})")))
}

fn size32(len: usize, what: &str) -> Result<u32> {
    u32::try_from(len).map_err(|_| {
        Failure::new(format!(
            "{what} is over 4 GiB, more than a zip without zip64 holds"
        ))
    })
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use flate2::read::DeflateDecoder;
    use std::io::Read;

    fn u16_at(bytes: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([bytes[at], bytes[at + 1]])
    }

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    }

    /// Reads an archive back through its central directory, as unzip does: (name, Unix
    /// mode, bytes) per entry, each checked against its CRC-32 and sizes.
    pub fn read_back(zip: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
        let end = zip.len() - 22;
        assert_eq!(u32_at(zip, end), 0x0605_4b50, "end of central directory");
        let count = u16_at(zip, end + 10) as usize;
        let mut at = u32_at(zip, end + 16) as usize;
        let mut entries = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(zip, at), 0x0201_4b50, "central directory header");
            let method = u16_at(zip, at + 10);
            assert_eq!((u16_at(zip, at + 12), u16_at(zip, at + 14)), (0, 0x21));
            let crc = u32_at(zip, at + 16);
            let compressed = u32_at(zip, at + 20) as usize;
            let original = u32_at(zip, at + 24) as usize;
            let name_len = u16_at(zip, at + 28) as usize;
            let mode = u32_at(zip, at + 38) >> 16;
            let local = u32_at(zip, at + 42) as usize;
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).expect("utf-8");
            assert_eq!(u32_at(zip, local), 0x0403_4b50, "local header of {name}");
            assert_eq!(&zip[local + 30..local + 30 + name_len], name.as_bytes());
            let data = &zip[local + 30 + name_len..local + 30 + name_len + compressed];
            let bytes = match method {
                0 => data.to_vec(),
                8 => {
                    let mut out = Vec::new();
                    DeflateDecoder::new(data)
                        .read_to_end(&mut out)
                        .expect("valid deflate");
                    out
                }
                other => panic!("unexpected method {other}"),
            };
            assert_eq!(bytes.len(), original, "size of {name}");
            let mut check = Crc::new();
            check.update(&bytes);
            assert_eq!(check.sum(), crc, "CRC-32 of {name}");
            entries.push((name, mode, bytes));
            at += 46 + name_len;
        }
        assert_eq!(at, end, "the directory ends where the end record starts");
        entries
    }

    #[test]
    fn an_archive_reads_back_with_names_modes_and_bytes() {
        let text = b"hello hello hello hello hello hello".to_vec();
        let noise: Vec<u8> = (0..=255u8).collect();
        let zip = archive(&[
            Entry::folder("pkg"),
            Entry::file("pkg/a.txt", text.clone()),
            Entry::file("pkg/noise.bin", noise.clone()),
            Entry::file("pkg/empty", Vec::new()),
        ])
        .expect("small archive");
        let back = read_back(&zip);
        assert_eq!(
            back,
            vec![
                ("pkg/".to_string(), FOLDER_MODE, Vec::new()),
                ("pkg/a.txt".to_string(), FILE_MODE, text),
                ("pkg/noise.bin".to_string(), FILE_MODE, noise),
                ("pkg/empty".to_string(), FILE_MODE, Vec::new()),
            ]
        );
    }

    #[test]
    fn the_same_entries_give_the_same_bytes() {
        let entries = || {
            vec![
                Entry::folder("x"),
                Entry::file("x/y.js", b"let a = 1; let a = 1; let a = 1;".to_vec()),
            ]
        };
        assert_eq!(
            archive(&entries()).expect("first"),
            archive(&entries()).expect("second")
        );
    }
}
