//! Sealing and opening share links with the browser's WebCrypto: AES-GCM with a
//! 128-bit key and a fresh 96-bit IV per link. The key is random and rides in the
//! fragment, or comes from a passphrase through PBKDF2-SHA256 (600,000 iterations, the
//! OWASP figure) with a random salt, and then the link alone reveals nothing.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::domain::share::{LinkSecret, ShareLink};

pub const PBKDF2_ITERATIONS: u32 = 600_000;
const KEY_BYTES: usize = 16;
const SALT_BYTES: usize = 16;
const IV_BYTES: usize = 12;

/// Why a link could not be opened, in words for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// This browser has no WebCrypto (very old, or the page is not a secure context).
    NoCrypto,
    /// The link's key does not open it: it was changed after it was made.
    Altered,
    /// A passphrase link that the given passphrase does not open.
    WrongPassphrase,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OpenError::NoCrypto => "This browser cannot open private links. Try a current version of your browser.",
            OpenError::Altered => "This link has been changed since it was made, so it cannot be opened. Ask for the link again.",
            OpenError::WrongPassphrase => "That passphrase does not open this link. Check it with the person who sent it and try again.",
        })
    }
}

/// Encrypts `plain` into a link: with a random key, or with a key from `passphrase`.
pub async fn seal(plain: &[u8], passphrase: Option<&str>) -> Result<ShareLink, OpenError> {
    let subtle = subtle()?;
    let iv = random_bytes(IV_BYTES)?;
    let (secret, key) = match passphrase {
        None => {
            let key = random_bytes(KEY_BYTES)?;
            (LinkSecret::Key(key.clone()), key)
        }
        Some(passphrase) => {
            let salt = random_bytes(SALT_BYTES)?;
            let key = stretch(&subtle, passphrase, &salt).await?;
            (LinkSecret::Salt(salt), key)
        }
    };
    let key = aes_key(&subtle, &key, "encrypt").await?;
    let ciphertext = bytes_of(
        subtle
            .encrypt_with_object_and_u8_array(&aes_params(&iv), &key, plain)
            .map_err(|_| OpenError::NoCrypto)?,
    )
    .await
    .map_err(|_| OpenError::NoCrypto)?;
    let mut sealed = iv;
    sealed.extend_from_slice(&ciphertext);
    Ok(ShareLink { secret, sealed })
}

/// Decrypts a link. Authentication failure means an altered link (or, for a passphrase
/// link, most likely the wrong passphrase).
pub async fn open(link: &ShareLink, passphrase: Option<&str>) -> Result<Vec<u8>, OpenError> {
    let subtle = subtle()?;
    let (key, failure) = match (&link.secret, passphrase) {
        (LinkSecret::Key(key), _) => (key.clone(), OpenError::Altered),
        (LinkSecret::Salt(salt), Some(passphrase)) => (
            stretch(&subtle, passphrase, salt).await?,
            OpenError::WrongPassphrase,
        ),
        (LinkSecret::Salt(_), None) => return Err(OpenError::WrongPassphrase),
    };
    if link.sealed.len() <= IV_BYTES {
        return Err(failure);
    }
    let (iv, ciphertext) = link.sealed.split_at(IV_BYTES);
    let key = aes_key(&subtle, &key, "decrypt").await?;
    let promise = subtle
        .decrypt_with_object_and_u8_array(&aes_params(iv), &key, ciphertext)
        .map_err(|_| failure.clone())?;
    bytes_of(promise).await.map_err(|_| failure)
}

fn subtle() -> Result<SubtleCrypto, OpenError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(OpenError::NoCrypto)?;
    Ok(crypto.subtle())
}

fn random_bytes(count: usize) -> Result<Vec<u8>, OpenError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(OpenError::NoCrypto)?;
    let mut bytes = vec![0u8; count];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| OpenError::NoCrypto)?;
    Ok(bytes)
}

/// PBKDF2-SHA256 over the passphrase, giving the raw AES key.
async fn stretch(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
) -> Result<Vec<u8>, OpenError> {
    let usages = Array::of1(&"deriveBits".into());
    let base: CryptoKey = awaited(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(passphrase.as_bytes()),
        "PBKDF2",
        false,
        &usages,
    ))
    .await?;
    let params = Object::new();
    set(&params, "name", &"PBKDF2".into());
    set(&params, "hash", &"SHA-256".into());
    set(&params, "salt", &Uint8Array::from(salt));
    set(&params, "iterations", &PBKDF2_ITERATIONS.into());
    bytes_of(
        subtle
            .derive_bits_with_object(&params, &base, (KEY_BYTES * 8) as u32)
            .map_err(|_| OpenError::NoCrypto)?,
    )
    .await
    .map_err(|_| OpenError::NoCrypto)
}

async fn aes_key(subtle: &SubtleCrypto, raw: &[u8], usage: &str) -> Result<CryptoKey, OpenError> {
    awaited(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(raw),
        "AES-GCM",
        false,
        &Array::of1(&usage.into()),
    ))
    .await
}

fn aes_params(iv: &[u8]) -> Object {
    let params = Object::new();
    set(&params, "name", &"AES-GCM".into());
    set(&params, "iv", &Uint8Array::from(iv));
    params
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

async fn awaited<T: JsCast>(promise: Result<js_sys::Promise, JsValue>) -> Result<T, OpenError> {
    let value = JsFuture::from(promise.map_err(|_| OpenError::NoCrypto)?)
        .await
        .map_err(|_| OpenError::NoCrypto)?;
    value.dyn_into::<T>().map_err(|_| OpenError::NoCrypto)
}

async fn bytes_of(promise: js_sys::Promise) -> Result<Vec<u8>, JsValue> {
    let buffer: ArrayBuffer = JsFuture::from(promise).await?.dyn_into()?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
