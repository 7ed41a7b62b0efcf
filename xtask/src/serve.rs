//! A small static file server for `dist/`, on loopback only.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

use crate::{build, root, setup, step, Failure, Result};

const DEFAULT_PORT: u16 = 8080;
const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

pub fn command(args: &[String]) -> Result {
    let port = parse_port(args)?;
    // Bind before the long build so a busy port is reported at once.
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Failure::new(format!(
                "port {port} is already in use; stop the other server or choose another port: `cargo xtask serve --port {}`",
                port.saturating_add(1)
            ))
        } else {
            Failure::new(format!("cannot listen on 127.0.0.1:{port} ({e})"))
        }
    })?;
    let tools = setup::ensure_all()?;
    build::release(&tools)?;
    let dist = root().join("dist");
    step(&format!(
        "Serving dist/ on http://127.0.0.1:{port}/ (Ctrl-C stops it)"
    ));
    println!("    open http://127.0.0.1:{port}/");
    for stream in listener.incoming().flatten() {
        let dist = dist.clone();
        thread::spawn(move || {
            let _ = respond(stream, &dist);
        });
    }
    Ok(())
}

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(DEFAULT_PORT),
        [flag, value] if flag == "--port" => value.parse().map_err(|_| {
            Failure::new(format!(
                "`{value}` is not a port number; use a number from 1 to 65535, e.g. `--port 8081`"
            ))
        }),
        _ => Err(Failure::new(
            "serve takes only `--port N`; for example `cargo xtask serve --port 8081`",
        )),
    }
}

fn respond(stream: TcpStream, dist: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes what a static file server sends.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    match resolve(dist, path).and_then(|file| fs::read(&file).ok().map(|body| (file, body))) {
        Some((file, body)) => {
            // The CSP demo page is served with the strict policy bloggers may have.
            let policy = if path.ends_with("/csp.html") {
                format!("Content-Security-Policy: {STRICT_CSP}\r\n")
            } else {
                String::new()
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n{policy}Connection: close\r\n\r\n",
                content_type(&file),
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)
        }
        None => stream.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
        ),
    }
}

/// Maps a URL path to a file under `dist`, refusing anything that climbs out of it.
fn resolve(dist: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let candidate = dist.join(relative);
    if candidate.is_dir() {
        Some(candidate.join("index.html"))
    } else {
        Some(candidate)
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "webmanifest" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
