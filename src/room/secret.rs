//! Secrets of the room: the join token (at least 128 bits from the OS's random source), the
//! short join code, device secrets' hashes, and comparison in constant time.

use sha2::{Digest, Sha256};

/// Base32 without the letters that read like digits (RFC 4648's alphabet); upper case, so
/// a join link fits a QR code's dense alphanumeric mode.
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/// The join code's alphabet: no 0/O, 1/I/L, so it reads aloud and types without doubt.
const CODE: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a join code (31^5: about 28.6 million codes).
pub const CODE_CHARS: usize = 5;

/// Bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// A fresh join token: 130 random bits as 26 base32 characters (upper case).
pub fn token() -> Result<String, getrandom::Error> {
    let bytes: [u8; 17] = random_bytes()?;
    let mut bits: u32 = 0;
    let mut held = 0;
    let mut out = String::with_capacity(26);
    for b in bytes {
        bits = (bits << 8) | u32::from(b);
        held += 8;
        while held >= 5 && out.len() < 26 {
            held -= 5;
            out.push(char::from(BASE32[((bits >> held) & 31) as usize]));
        }
    }
    Ok(out)
}

/// A fresh join code of [`CODE_CHARS`] characters.
pub fn code() -> Result<String, getrandom::Error> {
    // Rejection sampling keeps every character equally likely.
    let mut out = String::with_capacity(CODE_CHARS);
    while out.len() < CODE_CHARS {
        let [b]: [u8; 1] = random_bytes()?;
        if usize::from(b) < 248 {
            out.push(char::from(CODE[usize::from(b) % CODE.len()]));
        }
    }
    Ok(out)
}

/// A join code as typed: upper case, without spaces or dashes.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// SHA-256 of `text`, lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a device secret has the form the phone page makes: 32 lowercase hex digits
/// (128 bits from the phone's random source).
pub fn is_device_secret(secret: &str) -> bool {
    secret.len() == 32
        && secret
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// Compares two secrets without stopping at the first difference.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_upper_case() {
        let a = token().unwrap();
        let b = token().unwrap();
        assert_eq!(a.len(), 26, "26 x 5 = 130 bits");
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| BASE32.contains(&c)), "{a}");
    }

    #[test]
    fn codes_are_short_and_unambiguous() {
        let c = code().unwrap();
        assert_eq!(c.chars().count(), CODE_CHARS);
        assert!(!c.contains(['0', 'O', '1', 'I', 'L']), "{c}");
        assert_eq!(normalise_code(" k7r-m4 "), "K7RM4");
    }

    #[test]
    fn hashes_and_comparisons() {
        assert_eq!(
            sha256_hex("test"),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        );
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
        assert!(is_device_secret("0123456789abcdef0123456789abcdef"));
        assert!(!is_device_secret("0123456789ABCDEF0123456789abcdef"));
        assert!(!is_device_secret("kort"));
    }
}
