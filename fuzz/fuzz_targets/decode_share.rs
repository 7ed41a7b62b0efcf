//! Everything a share link feeds into the domain comes from whoever wrote the link.
//! None of it may panic, and whatever decodes must be what encoding writes back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rekindle::domain::{
    base64url_decode, base64url_encode, build_fragment, decode_answers, encode_answers,
    is_share_fragment, parse_fragment, ShareError,
};

fuzz_target!(|data: &[u8]| {
    let content = rekindle::content::english();
    if let Ok(shared) = decode_answers(content, data) {
        assert_eq!(
            encode_answers(content, &shared.answers, shared.made_on),
            data
        );
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = parse_fragment(text);
        assert_eq!(
            parsed == Err(ShareError::NotAShareLink),
            !is_share_fragment(text)
        );
        if let Ok(link) = parsed {
            let bare = text.strip_prefix('#').unwrap_or(text);
            assert_eq!(build_fragment(&link), format!("#{bare}"));
        }
        if let Ok(bytes) = base64url_decode(text) {
            assert_eq!(base64url_encode(&bytes), text);
        }
    }
});
