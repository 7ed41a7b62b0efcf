//! The product content, compiled in.
//!
//! `build.rs` reads `content/<lang>/*.json`, parses and validates it with the domain's
//! own code, and writes the English structure as bytes (`domain::packed`) and its texts
//! as one string. So the wasm holds no JSON and no serde code for content, and start-up
//! parses nothing; a content edit that fails validation fails the build. The JSON
//! files stay the one source of truth: [`parse_english`] still reads them, and the
//! tests below check that the generated content is exactly what the JSON says.

use std::sync::OnceLock;

use crate::domain::{Content, ContentParseError, ContentSources};
use crate::i18n::Lang;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;

/// The generated English: its packed structure and its texts.
mod generated {
    #![allow(clippy::all, clippy::pedantic)]

    use crate::domain::packed::{Packed, Unpacker};
    use crate::domain::Content;

    include!(concat!(env!("OUT_DIR"), "/content.rs"));

    /// The English structure, every text empty, unpacked from the bytes build.rs wrote.
    /// Never inlined: English and a loaded language share this one copy (inlined into
    /// [`super::english`], it was 4.6 KB of wasm twice over).
    #[inline(never)]
    pub fn en() -> Content {
        Content::unpack(&mut Unpacker::new(EN_STRUCTURE))
    }
}

/// The English content files, as text, for tests and tools that read the JSON itself.
pub const ENGLISH_SOURCES: ContentSources<'static> = ContentSources {
    assessment: include_str!("../content/en/assessment.json"),
    steps: include_str!("../content/en/steps.json"),
    ui: include_str!("../content/en/ui.json"),
};

/// Parses the bundled English JSON without caching (for tests and tools; the app uses
/// [`english`], which needs no parsing).
pub fn parse_english() -> Result<Content, ContentParseError> {
    Content::parse(ENGLISH_SOURCES)
}

/// Spanish, once its text table is at hand.
static SPANISH: OnceLock<&'static Content> = OnceLock::new();

/// A language's content if it is at hand: English always; another language once its
/// text table has been loaded (in native builds, such as the render tests, the table
/// is compiled in).
pub fn for_lang(lang: Lang) -> Option<&'static Content> {
    match lang {
        Lang::En => Some(english()),
        Lang::Es => {
            #[cfg(not(target_arch = "wasm32"))]
            {
                let table = include_str!(concat!(env!("OUT_DIR"), "/texts-es.json"));
                if SPANISH.get().is_none() {
                    if let Err(why) = install(Lang::Es, table) {
                        panic!("the compiled-in Spanish table does not fit: {why}");
                    }
                }
            }
            SPANISH.get().copied()
        }
    }
}

/// Builds a language from its text table (a JSON array of strings in
/// [`Content::texts`] order) on the compiled-in structure, and keeps it. The texts
/// stay for the page's lifetime, like the language itself.
pub fn install(lang: Lang, table: &str) -> Result<(), String> {
    let texts = crate::domain::content::leak(parse_table(table)?);
    // The compiled-in structure, with this language's texts laid over it. Leaked,
    // like its texts: a language stays for the page's lifetime once loaded, and a
    // `Content` the wasm never drops costs no drop code (1.3 KB).
    let content: &'static mut Content = Box::leak(Box::new(generated::en()));
    content.set_texts(texts)?;
    if lang == Lang::Es {
        let _ = SPANISH.set(content);
    }
    Ok(())
}

/// A text table (a JSON array of strings) as one string, NUL between the texts (no
/// text holds one: build.rs checks). In the browser `JSON.parse` reads it and
/// `Array.join` joins it, so the wasm carries neither a parser nor a loop for it;
/// natively (tests), serde_json. The table is our own build's output (beside the wasm,
/// precached, or inlined), so it is checked for shape, not entry by entry: a list of the
/// wrong length is refused, and an entry that is not a text would show as JavaScript
/// writes it.
#[cfg(target_arch = "wasm32")]
fn parse_table(table: &str) -> Result<String, String> {
    let parsed =
        js_sys::JSON::parse(table).map_err(|_| "the text table is not JSON".to_string())?;
    let array: js_sys::Array = parsed
        .dyn_into()
        .map_err(|_| "the text table is not a list".to_string())?;
    Ok(array.join("\0").into())
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_table(table: &str) -> Result<String, String> {
    let texts: Vec<String> = serde_json::from_str(table).map_err(|e| e.to_string())?;
    Ok(texts.join("\0"))
}

/// Fetches a language's text table (or finds it inlined in the page) and installs it.
pub async fn load(lang: Lang) -> Result<(), String> {
    if lang == Lang::En {
        return Ok(());
    }
    let table = crate::browser::language_table(lang.code()).await?;
    install(lang, &table)
}

/// The English content, built on first use from the compiled-in structure and texts.
///
/// The texts come in two parts (build.rs): those a new reader's first views show, and
/// the later ones, which the split build ships with the later part of the wasm
/// (xtask/src/split.rs). Until those are in memory, English has its first texts, and a
/// later text's place holds a mark no view before the later part shows; from then on,
/// all of them. So read English through this function, not a reference kept from
/// before (`Texts` does).
pub fn english() -> &'static Content {
    static FIRST: OnceLock<Content> = OnceLock::new();
    static ALL: OnceLock<Content> = OnceLock::new();
    if let Some(all) = ALL.get() {
        return all;
    }
    match later_texts() {
        Some(later) => ALL.get_or_init(|| english_with(later)),
        None => FIRST.get_or_init(|| generated::en().with_static_texts(generated::EN_TEXTS)),
    }
}

/// Stands in the first texts for a text that comes later (build.rs writes it).
const LATER_MARK: &str = "\u{1}";

/// English with every text: the first texts, each mark replaced by the next later text.
#[inline(never)]
fn english_with(later: &'static str) -> Content {
    let mut later = later.split('\0');
    let texts: Vec<&str> = generated::EN_TEXTS
        .split('\0')
        .map(|text| match text {
            LATER_MARK => later.next().unwrap_or_default(),
            text => text,
        })
        .collect();
    let table: &'static str = Box::leak(texts.join("\0").into_boxed_str());
    generated::en().with_static_texts(table)
}

/// The later texts once they are in memory: the block build.rs wrote is
/// `RKLATER:`, a ready byte, the texts' length (4 bytes, little-endian) and the texts.
/// The split build clears the ready byte and the texts in the first part of the wasm,
/// and the later part's data writes them back when it is instantiated.
fn later_texts() -> Option<&'static str> {
    let block = std::ptr::addr_of!(generated::EN_LATER);
    // The block is written behind the compiler's back (by instantiating the later part),
    // so every read goes through a pointer it cannot see through.
    let block: *const u8 = std::hint::black_box(block.cast());
    // SAFETY: `block` points at the static array, whose length is at least its 13-byte
    // header plus the texts' length (build.rs writes both); nothing writes to it once
    // the ready byte is set.
    unsafe {
        if std::ptr::read_volatile(block.add(8)) != 1 {
            return None;
        }
        let mut length = [0_u8; 4];
        for (i, byte) in length.iter_mut().enumerate() {
            *byte = std::ptr::read_volatile(block.add(9 + i));
        }
        let length = (u32::from_le_bytes(length) as usize).min(generated::EN_LATER_LEN - 13);
        let bytes = std::slice::from_raw_parts(block.add(13), length);
        std::str::from_utf8(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate;

    #[test]
    fn bundled_english_content_parses() {
        if let Err(error) = parse_english() {
            panic!("{error}");
        }
    }

    #[test]
    fn bundled_english_content_is_valid() {
        if let Err(errors) = validate(english()) {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("content problems:\n{}", messages.join("\n"));
        }
    }

    /// Before the later part of the wasm arrives, English has the first texts only:
    /// every word of the welcome, the questions, the safety note and the shell, and a
    /// mark where a later view's text will go.
    #[test]
    fn the_first_texts_hold_the_first_views_words_and_a_mark_for_each_later_one() {
        let parsed = match parse_english() {
            Ok(parsed) => parsed,
            Err(error) => panic!("{error}"),
        };
        let first = generated::en().with_static_texts(generated::EN_TEXTS);
        assert_eq!(parsed.sections, first.sections);
        assert_eq!(parsed.questions, first.questions);
        assert_eq!(parsed.safety_note, first.safety_note, "safety never waits");
        assert_eq!(parsed.ui.shell, first.ui.shell);
        assert_eq!(parsed.ui.welcome, first.ui.welcome);
        assert_eq!(parsed.ui.question, first.ui.question);
        assert_eq!(parsed.ui.page, first.ui.page);
        assert_eq!(parsed.ui.kind_hints, first.ui.kind_hints);
        assert!(first.steps.iter().all(|step| step.title == LATER_MARK));
        assert!(first.bands.iter().all(|band| band.title == LATER_MARK));
        assert_eq!(first.ui.data.title(), LATER_MARK);
        // With the later texts in memory (always, natively), English is whole again.
        assert_eq!(parsed.steps, english().steps);
        assert_eq!(parsed.ui, english().ui);
    }

    /// The compiled-in content is what the JSON says, field for field: the generator
    /// in build.rs can drop or garble nothing without this failing.
    #[test]
    fn compiled_content_equals_the_json() {
        let parsed = match parse_english() {
            Ok(parsed) => parsed,
            Err(error) => panic!("{error}"),
        };
        let compiled = english();
        assert_eq!(parsed.sections, compiled.sections);
        assert_eq!(parsed.questions, compiled.questions);
        assert_eq!(parsed.bands, compiled.bands);
        assert_eq!(parsed.safety_note, compiled.safety_note);
        assert_eq!(parsed.readings, compiled.readings);
        assert_eq!(parsed.actions_now, compiled.actions_now);
        assert_eq!(parsed.steps, compiled.steps);
        assert_eq!(parsed.ui, compiled.ui);
        // And anything added to `Content` later.
        assert!(parsed == *compiled);
    }

    const SPANISH_SOURCES: ContentSources<'static> = ContentSources {
        assessment: include_str!("../content/es/assessment.json"),
        steps: include_str!("../content/es/steps.json"),
        ui: include_str!("../content/es/ui.json"),
    };

    fn parse(sources: ContentSources<'_>) -> Content {
        match Content::parse(sources) {
            Ok(content) => content,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn spanish_is_complete_valid_and_matches_english_in_structure() {
        let spanish = parse(SPANISH_SOURCES);
        if let Err(errors) = crate::domain::validate(&spanish) {
            panic!("{errors:?}");
        }
        if let Err(errors) = crate::domain::check_translation(english(), &spanish) {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("{}", messages.join("\n"));
        }
        // What the wasm builds from the shipped table is exactly the Spanish JSON.
        assert!(for_lang(Lang::Es) == Some(&spanish));
        assert_eq!(english().texts().len(), spanish.texts().len());
    }

    #[test]
    fn a_missing_or_unknown_interface_key_fails_to_load() {
        let missing = SPANISH_SOURCES
            .ui
            .replacen("\"see_result\"", "\"see_result_gone\"", 1);
        let error = Content::parse(ContentSources {
            ui: &missing,
            ..SPANISH_SOURCES
        })
        .expect_err("a renamed key is refused");
        assert!(error.to_string().contains("see_result"), "{error}");
        let extra = SPANISH_SOURCES.ui.replacen(
            "\"title\": \"Tus respuestas\",",
            "\"title\": \"Tus respuestas\", \"extra\": \"x\",",
            1,
        );
        assert_ne!(extra, SPANISH_SOURCES.ui);
        let error = Content::parse(ContentSources {
            ui: &extra,
            ..SPANISH_SOURCES
        })
        .expect_err("an unknown key is refused");
        assert!(error.to_string().contains("extra"), "{error}");
    }

    #[test]
    fn a_changed_placeholder_is_named() {
        let changed = SPANISH_SOURCES.ui.replacen(
            "Quedan {n} preguntas pendientes",
            "Quedan {count} preguntas pendientes",
            1,
        );
        assert_ne!(changed, SPANISH_SOURCES.ui);
        let spanish = parse(ContentSources {
            ui: &changed,
            ..SPANISH_SOURCES
        });
        let errors = crate::domain::check_translation(english(), &spanish)
            .expect_err("a changed placeholder is refused");
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            ["translation changes the placeholders of ui review left_other"]
        );
    }

    #[test]
    fn a_table_of_the_wrong_length_is_refused() {
        let mut texts: Vec<String> = english().texts().into_iter().map(|(_, t)| t).collect();
        texts.pop();
        let short = crate::domain::content::leak(texts.join("\0"));
        let error = generated::en()
            .set_texts(short)
            .expect_err("one text short");
        assert!(error.contains("texts where this build has"), "{error}");
        texts.push("one".into());
        texts.push("too many".into());
        let long = crate::domain::content::leak(texts.join("\0"));
        let error = generated::en().set_texts(long).expect_err("one text over");
        assert!(error.contains("texts where this build has"), "{error}");
    }

    #[test]
    fn the_packed_structure_is_read_to_its_last_byte() {
        use crate::domain::packed::{Packed, Unpacker};
        let mut bytes = Unpacker::new(generated::EN_STRUCTURE);
        let structure = Content::unpack(&mut bytes);
        assert!(bytes.is_done(), "bytes left over: pack and unpack disagree");
        assert_eq!(structure.questions.len(), english().questions.len());
        assert!(structure.questions.iter().all(|q| q.prompt.is_empty()));
    }

    #[test]
    fn english_is_built_once() {
        assert!(std::ptr::eq(english(), english()));
    }
}
