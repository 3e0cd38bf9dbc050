//! Whatever the bytes, the core answers: random text, truncated and mangled real input
//! never panic (in WebAssembly a panic kills the page).

use ecplay_core::{check, Mode, Options};
use proptest::prelude::*;

const POD: &str = include_str!("../../tests/fixtures/pods/with-ephemeral-container.yaml");
const POD_JSON: &str = include_str!("../../tests/fixtures/pods/with-ephemeral-container.json");
const CONTAINER: &str = include_str!("../../tests/fixtures/ephemeral/debugger.yaml");
const TYPO: &str = include_str!("../../tests/fixtures/ephemeral/typo.yaml");

fn cut(s: &str, at: usize) -> &str {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    &s[..at]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(pod in "\\PC{0,200}", ctr in "\\PC{0,200}") {
        let _ = check(&pod, &ctr, Mode::Append, &Options::default());
        let _ = check(POD, &ctr, Mode::Replace, &Options::default());
    }

    #[test]
    fn yaml_shaped_noise_never_panics(ctr in "([a-zA-Z:\\-\\[\\]{}'\"&*!|>#%@`, ]|\n|  ){0,300}") {
        let _ = check(POD, &ctr, Mode::Append, &Options::default());
    }

    #[test]
    fn truncated_input_never_panics(a in 0usize..POD.len(), b in 0usize..TYPO.len(), c in 0usize..POD_JSON.len()) {
        let _ = check(cut(POD, a), CONTAINER, Mode::Append, &Options::default());
        let _ = check(POD, cut(TYPO, b), Mode::Append, &Options::default());
        let _ = check(cut(POD_JSON, c), cut(CONTAINER, b.min(CONTAINER.len())), Mode::Replace, &Options { kube_minor: 32, allow_privileged: false, ..Options::default() });
    }

    #[test]
    fn mangled_input_never_panics(pos in 0usize..POD.len(), byte in any::<u8>()) {
        let mut bytes = POD.as_bytes().to_vec();
        bytes[pos] = byte;
        let text = String::from_utf8_lossy(&bytes);
        let _ = check(&text, CONTAINER, Mode::Append, &Options::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    /// Numbers of up to 15 significant digits times a power of ten up to 10^±22 (what pods
    /// carry) are read and printed exactly as std reads and prints them.
    #[test]
    fn floats_read_and_print_as_std_does(digits in 1u64..1_000_000_000_000_000, point in 0usize..16, scale in -22i32..=22, neg: bool) {
        let s = digits.to_string();
        let point = point.min(s.len());
        // The number is digits × 10^scale, whatever the place of the point.
        let exp = scale + point as i32;
        let text = format!("{}{}.{}e{exp}", if neg { "-" } else { "" }, &s[..s.len() - point], &s[s.len() - point..]);
        let f: f64 = text.parse().unwrap();
        prop_assert_eq!(ecplay_core::float::parse(&text), Some(f), "{}", text);
        prop_assert_eq!(ecplay_core::float::display(f), format!("{f}"), "{}", text);
    }
}
