//! Where links and messages go, read from what an embedder wrote: the page share links
//! are built on (`data-share-page`) and the origin the auto-height message is posted to
//! (`parent-origin`). Pure, so every rule is tested natively; each rejected value gives
//! one warning naming it and what is accepted.

/// `data-share-page`: Rekindle's own page. A web address (`https://…`, `http://…`) or a
/// path on this site; no fragment (the link's own goes there) and no other scheme.
pub fn read_share_page(value: &str) -> Result<String, String> {
    let page = value.trim();
    let lower = page.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    // A colon before the first slash would be a scheme (`javascript:`, `data:`).
    let has_other_scheme = !scheme_ok
        && page
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
    if page.is_empty()
        || page.contains('#')
        || page.starts_with("//")
        || page.chars().any(|c| c.is_whitespace() || c.is_control())
        || has_other_scheme
    {
        return Err(format!(
            "Rekindle: data-share-page=\"{value}\" is not valid; it accepts an https:// or http:// address, or a path on this site, without #. Share links are built as if it were absent."
        ));
    }
    Ok(page.to_string())
}

/// `parent-origin`: the embedding page's origin, such as `https://blog.example`, the only
/// window the auto-height message is posted to.
pub fn read_parent_origin(value: &str) -> Result<String, String> {
    let origin = value.trim().trim_end_matches('/');
    let lower = origin.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match host {
        Some(host)
            if !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')) =>
        {
            Ok(lower)
        }
        _ => Err(format!(
            "Rekindle: parent-origin=\"{value}\" is not an origin; it accepts an address such as https://blog.example (scheme, host and port only). The height is not sent."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_pages_on_the_web_or_this_site_are_accepted() {
        for page in [
            "https://cdn.example/rekindle/",
            "http://127.0.0.1:8080/index.html",
            "/rekindle/",
            "rekindle/index.html",
            "  https://cdn.example/r/?v=1  ",
        ] {
            assert_eq!(read_share_page(page), Ok(page.trim().to_string()), "{page}");
        }
    }

    #[test]
    fn other_schemes_fragments_and_protocol_relative_share_pages_are_refused() {
        for page in [
            "",
            "javascript:alert(1)",
            "data:text/html,hi",
            "https://cdn.example/#r=1",
            "//evil.example/",
            "https://cdn.example/a b",
        ] {
            let warning = read_share_page(page).expect_err(page);
            assert!(warning.contains("data-share-page"), "{warning}");
            assert!(warning.contains("https://"), "{warning}");
        }
    }

    #[test]
    fn parent_origins_are_scheme_host_and_port_only() {
        assert_eq!(
            read_parent_origin("https://Blog.example/"),
            Ok("https://blog.example".to_string())
        );
        assert_eq!(
            read_parent_origin("http://127.0.0.1:8080"),
            Ok("http://127.0.0.1:8080".to_string())
        );
        for bad in [
            "*",
            "",
            "https://",
            "blog.example",
            "https://blog.example/post",
            "javascript:x",
            "https://a.example?x",
        ] {
            let warning = read_parent_origin(bad).expect_err(bad);
            assert!(warning.contains("parent-origin"), "{warning}");
        }
    }
}
