//! securityContext (R-22 … R-28): `ValidateSecurityContext` in kubernetes/kubernetes
//! `pkg/apis/core/validation/validation.go`, with the helpers it calls
//! (`validateSeccompProfileField`, `validateWindowsSecurityContextOptions`,
//! `ValidateAppArmorProfileField`, `ValidateProcMountType`) and apimachinery's
//! `IsValidUserID` / `IsValidGroupID` / `IsDNS1123Subdomain`.
//!
//! The privileged-by-cluster-policy check (R-22) is the first check *inside*
//! `ValidateSecurityContext`, so it needs no entry point of its own: the single call
//! at the end of `validateContainerCommon` covers R-22 … R-28.
//!
//! Feature gates: none of these functions consults one in the source read (~v1.33). What a
//! release drops before validation — `procMount` reset to `Default` while `ProcMountType` is off
//! (up to 1.32), `appArmorProfile` unknown before 1.30 — is done by [`super::prepare`], so these
//! see what the server validates.
//!
//! ## How bad values print
//!
//! Go passes some values as `string` (printed `%q`: [`BadValue::Str`]) and others as a
//! named string type or a `*string` (`ProcMountType`, `SeccompProfileType`,
//! `AppArmorProfileType`, `windowsOptions.runAsUserName`, …). Since Kubernetes 1.34
//! (apimachinery `c58e197e`, "Nicer value rendering in API errors") `ErrorBody`
//! JSON-encodes anything that is not a plain `string`/int/bool, so those print as JSON
//! strings ([`go_json_quote`]); up to 1.33 they were dereferenced and printed `%q`/`%#v`,
//! which for a string is the same Go quoting. Plain text looks the same either way; only
//! `<`, `>`, `&`, control characters and non-printable runes differ.
//!
//! Structs (R-25 passes the whole `*core.SecurityContext`, R-26 the `*core.SeccompProfile`)
//! are JSON of the **internal** type since 1.34. Internal types have no json tags, so
//! the keys are the Go field names (`{"Capabilities":null,"Privileged":true,…}`) and
//! every field is present. Up to 1.33 they were printed with `%#v`, which shows heap
//! addresses for pointer fields; those are unknowable, and ecplay prints `0x…` there.

use k8s_openapi::api::core::v1::{AppArmorProfile, SeccompProfile, SecurityContext, WindowsSecurityContextOptions};

use crate::diag::{supported_values, BadValue, Diagnostic, ErrorType};
use crate::path::Path;

use super::{names, push, Ctr, Errs, Options};
use crate::versions::{gated, Field, JSON_BAD_VALUES_SINCE as JSON_VALUES_SINCE_MINOR};

/// R-22 … R-28 for one container. `ctr_path` is the container's path, e.g. `spec.ephemeralContainers[0]`.
///
/// Mirrors `ValidateSecurityContext(ctr.SecurityContext, path.Child("securityContext"), hostUsers)`,
/// the last call of `validateContainerCommon` (after `validateResizePolicy`). Appends, in the
/// server's order: R-22 privileged, R-23 runAsUser then runAsGroup, R-24 procMount, R-26
/// seccompProfile, R-25 allowPrivilegeEscalation conflicts, R-28 windowsOptions, R-27
/// appArmorProfile. A missing securityContext (Go's nil) is not checked at all.
pub fn validate_security_context(ctr: &Ctr, ctr_path: &Path, host_users: bool, opts: &Options, errs: &mut Errs) {
    let Some(sc) = ctr.security_context.as_ref() else {
        return;
    };
    let path = ctr_path.child("securityContext");

    // R-22: `privileged: true` needs the apiserver's --allow-privileged (capabilities.Get().AllowPrivileged).
    if sc.privileged == Some(true) && !opts.allow_privileged {
        errs.push(
            Diagnostic::field_error(
                "R-22",
                ErrorType::Forbidden,
                &path.child("privileged"),
                BadValue::Omit,
                "disallowed by cluster policy",
            )
            .with_help("this API server runs without --allow-privileged; drop `privileged: true`"),
        );
    }

    // R-23: IsValidUserID / IsValidGroupID. The value is the dereferenced int64.
    if let Some(uid) = sc.run_as_user {
        if !(0..=i64::from(i32::MAX)).contains(&uid) {
            push(errs, "R-23", ErrorType::Invalid, &path.child("runAsUser"), BadValue::Int(uid), &id_range_error());
        }
    }
    if let Some(gid) = sc.run_as_group {
        if !(0..=i64::from(i32::MAX)).contains(&gid) {
            push(errs, "R-23", ErrorType::Invalid, &path.child("runAsGroup"), BadValue::Int(gid), &id_range_error());
        }
    }

    // R-24: ValidateProcMountType, then `Unmasked` needs its own user namespace.
    if let Some(proc_mount) = sc.proc_mount.as_deref() {
        let proc_path = path.child("procMount");
        if !matches!(proc_mount, "Default" | "Unmasked") {
            push(
                errs,
                "R-24",
                ErrorType::NotSupported,
                &proc_path,
                typed_str(proc_mount, opts),
                &supported_values(&["Default", "Unmasked"]),
            );
        }
        if host_users && proc_mount == "Unmasked" {
            push(errs, "R-24", ErrorType::Invalid, &proc_path, typed_str(proc_mount, opts), "`hostUsers` must be false to use `Unmasked`");
        }
    }

    validate_seccomp_profile(sc.seccomp_profile.as_ref(), &path.child("seccompProfile"), opts, errs);

    // R-25: allowPrivilegeEscalation=false contradicts privileged and the literal CAP_SYS_ADMIN.
    // The bad value is the whole securityContext; the capability loop has no `break`, so a
    // capability listed twice is reported twice.
    if sc.allow_privilege_escalation == Some(false) {
        if sc.privileged == Some(true) {
            push(
                errs,
                "R-25",
                ErrorType::Invalid,
                &path,
                BadValue::Raw(render_security_context(sc, opts)),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            );
        }
        if let Some(caps) = sc.capabilities.as_ref() {
            for cap in caps.add.as_deref().unwrap_or_default() {
                if cap == "CAP_SYS_ADMIN" {
                    errs.push(
                        Diagnostic::field_error(
                            "R-25",
                            ErrorType::Invalid,
                            &path,
                            BadValue::Raw(render_security_context(sc, opts)),
                            "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                        )
                        .with_help("the server compares the literal string; `SYS_ADMIN` (the usual spelling) is not caught"),
                    );
                }
            }
        }
    }

    validate_windows_options(sc.windows_options.as_ref(), &path.child("windowsOptions"), opts, errs);
    validate_app_armor_profile(sc.app_armor_profile.as_ref(), &path.child("appArmorProfile"), opts, errs);
}

/// apimachinery `InclusiveRangeError(0, math.MaxInt32)`.
fn id_range_error() -> String {
    format!("must be between 0 and {}, inclusive", i32::MAX)
}

/// R-26: `validateSeccompProfileField` (with `validateSeccompProfileType` and `validateLocalDescendingPath`).
fn validate_seccomp_profile(sp: Option<&SeccompProfile>, path: &Path, opts: &Options, errs: &mut Errs) {
    let Some(sp) = sp else {
        return;
    };
    let type_path = path.child("type");
    match sp.type_.as_str() {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => push(errs, "R-26", ErrorType::Required, &type_path, BadValue::Omit, "type is required when seccompProfile is set"),
        other => push(
            errs,
            "R-26",
            ErrorType::NotSupported,
            &type_path,
            typed_str(other, opts),
            &supported_values(&["Localhost", "RuntimeDefault", "Unconfined"]),
        ),
    }

    let profile_path = path.child("localhostProfile");
    if sp.type_ == "Localhost" {
        match sp.localhost_profile.as_deref() {
            None => push(errs, "R-26", ErrorType::Required, &profile_path, BadValue::Omit, "must be set when seccomp type is Localhost"),
            Some(profile) => validate_local_descending_path(profile, &profile_path, errs),
        }
    } else if sp.localhost_profile.is_some() {
        // The bad value is the whole *core.SeccompProfile.
        push(
            errs,
            "R-26",
            ErrorType::Invalid,
            &profile_path,
            BadValue::Raw(render_seccomp_profile(sp, opts)),
            "can only be set when seccomp type is Localhost",
        );
    }
}

/// `validateLocalDescendingPath` (`validatePathNoBacksteps` included). Go passes a plain string here.
fn validate_local_descending_path(target: &str, path: &Path, errs: &mut Errs) {
    if target.starts_with('/') {
        push(errs, "R-26", ErrorType::Invalid, path, BadValue::str(target), "must be a relative path");
    }
    // One error is enough even for `../../..`.
    if target.split('/').any(|part| part == "..") {
        push(errs, "R-26", ErrorType::Invalid, path, BadValue::str(target), "must not contain '..'");
    }
}

/// R-27: `ValidateAppArmorProfileField`.
fn validate_app_armor_profile(profile: Option<&AppArmorProfile>, path: &Path, opts: &Options, errs: &mut Errs) {
    let Some(profile) = profile else {
        return;
    };
    let profile_path = path.child("localhostProfile");
    match profile.type_.as_str() {
        "Localhost" => match profile.localhost_profile.as_deref() {
            None => push(errs, "R-27", ErrorType::Required, &profile_path, BadValue::Omit, "must be set when AppArmor type is Localhost"),
            Some(local) => {
                // strings.TrimSpace and str::trim agree: both use Unicode White_Space.
                let trimmed = local.trim();
                if trimmed != local {
                    push(errs, "R-27", ErrorType::Invalid, &profile_path, BadValue::str(local), "must not be padded with whitespace");
                } else if trimmed.is_empty() {
                    push(errs, "R-27", ErrorType::Required, &profile_path, BadValue::Omit, "must be set when AppArmor type is Localhost");
                }
                // PATH_MAX - 1, counted in bytes.
                if local.len() > 4095 {
                    push(errs, "R-27", ErrorType::TooLong, &profile_path, BadValue::Omit, "may not be more than 4095 bytes");
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(local) = profile.localhost_profile.as_deref() {
                // Go passes the *string.
                push(
                    errs,
                    "R-27",
                    ErrorType::Invalid,
                    &profile_path,
                    typed_str(local, opts),
                    "can only be set when AppArmor type is Localhost",
                );
            }
        }
        "" => push(errs, "R-27", ErrorType::Required, &path.child("type"), BadValue::Omit, "type is required when appArmorProfile is set"),
        other => push(
            errs,
            "R-27",
            ErrorType::NotSupported,
            &path.child("type"),
            typed_str(other, opts),
            &supported_values(&["Localhost", "RuntimeDefault", "Unconfined"]),
        ),
    }
}

const MAX_GMSA_CREDENTIAL_SPEC_KIB: usize = 64;
const MAX_RUN_AS_USER_NAME_DOMAIN_LEN: usize = 256;
const MAX_RUN_AS_USER_NAME_USER_LEN: usize = 104;

/// R-28: `validateWindowsSecurityContextOptions`. Every bad value is a `*string`. `hostProcess`
/// is not checked here; see `os::validate_windows_host_process` (R-29).
fn validate_windows_options(wo: Option<&WindowsSecurityContextOptions>, path: &Path, opts: &Options, errs: &mut Errs) {
    let Some(wo) = wo else {
        return;
    };

    if let Some(name) = wo.gmsa_credential_spec_name.as_deref() {
        // It names a GMSACredentialSpec custom resource: IsDNS1123Subdomain.
        let name_path = path.child("gmsaCredentialSpecName");
        for msg in names::dns1123_subdomain_errors(name.as_bytes(), names::Unit::Characters) {
            push(errs, "R-28", ErrorType::Invalid, &name_path, typed_str(name, opts), &msg);
        }
    }

    if let Some(spec) = wo.gmsa_credential_spec.as_deref() {
        let spec_path = path.child("gmsaCredentialSpec");
        if spec.is_empty() {
            push(errs, "R-28", ErrorType::Invalid, &spec_path, typed_str(spec, opts), "gmsaCredentialSpec cannot be an empty string");
        } else if spec.len() > MAX_GMSA_CREDENTIAL_SPEC_KIB * 1024 {
            let msg = format!("gmsaCredentialSpec size must be under {MAX_GMSA_CREDENTIAL_SPEC_KIB} KiB");
            push(errs, "R-28", ErrorType::Invalid, &spec_path, typed_str(spec, opts), &msg);
        }
    }

    if let Some(user_name) = wo.run_as_user_name.as_deref() {
        let user_path = path.child("runAsUserName");
        let mut invalid = |msg: &str| push(errs, "R-28", ErrorType::Invalid, &user_path, typed_str(user_name, opts), msg);
        if user_name.is_empty() {
            invalid("runAsUserName cannot be an empty string");
        } else if user_name.chars().any(|c| c.is_ascii_control()) {
            // `[[:cntrl:]]` is ASCII only: 0x00–0x1f and 0x7f.
            invalid("runAsUserName cannot contain control characters");
        } else if user_name.matches('\\').count() > 1 {
            invalid("runAsUserName cannot contain more than one backslash");
        } else {
            // `DOMAIN\USER` or `USER`.
            let (has_domain, domain, user) = match user_name.split_once('\\') {
                Some((domain, user)) => (true, domain, user),
                None => (false, "", user_name),
            };
            // Lengths are Go `len`: bytes.
            if domain.len() >= MAX_RUN_AS_USER_NAME_DOMAIN_LEN {
                invalid(&format!("runAsUserName's Domain length must be under {MAX_RUN_AS_USER_NAME_DOMAIN_LEN} characters"));
            }
            if has_domain && !(is_netbios_domain(domain) || is_windows_dns_domain(domain)) {
                invalid("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
            }
            if user.is_empty() {
                invalid("runAsUserName's User cannot be empty");
            } else if user.len() > MAX_RUN_AS_USER_NAME_USER_LEN {
                invalid(&format!("runAsUserName's User length must not be longer than {MAX_RUN_AS_USER_NAME_USER_LEN} characters"));
            }
            if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
                invalid("runAsUserName's User cannot contain only periods or spaces");
            }
            if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
                invalid(r#"runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]"#);
            }
        }
    }
}

/// `^[^\\/:\*\?"<>|\.][^\\/:\*\?"<>|]{0,14}$`: 1–15 characters (runes), no `\ / : * ? " < > |`,
/// and no leading dot.
fn is_netbios_domain(domain: &str) -> bool {
    let forbidden = |c: char| "\\/:*?\"<>|".contains(c);
    let mut chars = domain.chars();
    match chars.next() {
        Some(first) if !forbidden(first) && first != '.' => {}
        _ => return false,
    }
    let rest: Vec<char> = chars.collect();
    rest.len() <= 14 && !rest.iter().any(|c| forbidden(*c))
}

/// `^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.<same>)*$`: dot-separated labels of
/// 1–63 ASCII letters, digits and inner dashes. Unlike RFC 1123 here, upper case is allowed.
fn is_windows_dns_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let b = label.as_bytes();
        !b.is_empty()
            && b.len() <= 63
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
    })
}

/// The bad value of a Go named string type or `*string` (see the module docs).
fn typed_str(s: &str, opts: &Options) -> BadValue {
    names::typed_value(s, opts.kube_minor)
}

/// A string as Go's `encoding/json` writes it (`json.Marshal`, HTML escaping on, Go ≥ 1.22):
/// `\"` `\\` `\b` `\f` `\n` `\r` `\t`, other control characters as `\u00xx`, `<` `>` `&` as
/// `\u003c` `\u003e` `\u0026`, and U+2028/U+2029 escaped. Everything else is written as is.
pub(crate) fn go_json_quote(s: &str) -> String {
    crate::gojson::go_string(s)
}

fn json_opt_str(v: Option<&str>) -> String {
    v.map_or_else(|| "null".to_owned(), go_json_quote)
}

fn json_opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "null".to_owned(), |v| v.to_string())
}

fn json_opt_list(v: Option<&[String]>) -> String {
    v.map_or_else(|| "null".to_owned(), |items| format!("[{}]", items.iter().map(|s| go_json_quote(s)).collect::<Vec<_>>().join(",")))
}

/// The R-25 bad value: the internal `core.SecurityContext` as `ErrorBody` prints it.
fn render_security_context(sc: &SecurityContext, opts: &Options) -> String {
    if opts.kube_minor < JSON_VALUES_SINCE_MINOR {
        return go_syntax_security_context(sc, opts.kube_minor);
    }
    let caps = sc.capabilities.as_ref().map_or_else(
        || "null".to_owned(),
        |c| format!(r#"{{"Add":{},"Drop":{}}}"#, json_opt_list(c.add.as_deref()), json_opt_list(c.drop.as_deref())),
    );
    // Internal SELinuxOptions has plain strings: a missing one is "".
    let selinux = sc.se_linux_options.as_ref().map_or_else(
        || "null".to_owned(),
        |o| {
            let s = |v: &Option<String>| go_json_quote(v.as_deref().unwrap_or(""));
            format!(r#"{{"User":{},"Role":{},"Type":{},"Level":{}}}"#, s(&o.user), s(&o.role), s(&o.type_), s(&o.level))
        },
    );
    let windows = sc.windows_options.as_ref().map_or_else(
        || "null".to_owned(),
        |w| {
            format!(
                r#"{{"GMSACredentialSpecName":{},"GMSACredentialSpec":{},"RunAsUserName":{},"HostProcess":{}}}"#,
                json_opt_str(w.gmsa_credential_spec_name.as_deref()),
                json_opt_str(w.gmsa_credential_spec.as_deref()),
                json_opt_str(w.run_as_user_name.as_deref()),
                json_opt(w.host_process),
            )
        },
    );
    let seccomp = sc.seccomp_profile.as_ref().map_or_else(|| "null".to_owned(), seccomp_json);
    let apparmor = sc.app_armor_profile.as_ref().map_or_else(
        || "null".to_owned(),
        |p| format!(r#"{{"Type":{},"LocalhostProfile":{}}}"#, go_json_quote(&p.type_), json_opt_str(p.localhost_profile.as_deref())),
    );
    format!(
        concat!(
            r#"{{"Capabilities":{},"Privileged":{},"SELinuxOptions":{},"WindowsOptions":{},"RunAsUser":{},"RunAsGroup":{},"#,
            r#""RunAsNonRoot":{},"ReadOnlyRootFilesystem":{},"AllowPrivilegeEscalation":{},"ProcMount":{},"SeccompProfile":{},"#,
            r#""AppArmorProfile":{}}}"#
        ),
        caps,
        json_opt(sc.privileged),
        selinux,
        windows,
        json_opt(sc.run_as_user),
        json_opt(sc.run_as_group),
        json_opt(sc.run_as_non_root),
        json_opt(sc.read_only_root_filesystem),
        json_opt(sc.allow_privilege_escalation),
        json_opt_str(sc.proc_mount.as_deref()),
        seccomp,
        apparmor,
    )
}

fn seccomp_json(sp: &SeccompProfile) -> String {
    format!(r#"{{"Type":{},"LocalhostProfile":{}}}"#, go_json_quote(&sp.type_), json_opt_str(sp.localhost_profile.as_deref()))
}

/// The R-26 bad value: the internal `core.SeccompProfile`.
fn render_seccomp_profile(sp: &SeccompProfile, opts: &Options) -> String {
    if opts.kube_minor < JSON_VALUES_SINCE_MINOR {
        return format!(
            "core.SeccompProfile{{Type:{}, LocalhostProfile:{}}}",
            crate::diag::go_quote(&sp.type_),
            go_ptr("string", sp.localhost_profile.is_some())
        );
    }
    seccomp_json(sp)
}

/// A pointer field as `%#v` prints it; a set pointer's address cannot be known.
fn go_ptr(ty: &str, set: bool) -> String {
    if set {
        format!("(*{ty})(0x…)")
    } else {
        format!("(*{ty})(nil)")
    }
}

/// `%#v` of the dereferenced `core.SecurityContext`, as servers up to 1.33 print it.
fn go_syntax_security_context(sc: &SecurityContext, kube_minor: u32) -> String {
    let mut fields = vec![
        format!("Capabilities:{}", go_ptr("core.Capabilities", sc.capabilities.is_some())),
        format!("Privileged:{}", go_ptr("bool", sc.privileged.is_some())),
        format!("SELinuxOptions:{}", go_ptr("core.SELinuxOptions", sc.se_linux_options.is_some())),
        format!("WindowsOptions:{}", go_ptr("core.WindowsSecurityContextOptions", sc.windows_options.is_some())),
        format!("RunAsUser:{}", go_ptr("int64", sc.run_as_user.is_some())),
        format!("RunAsGroup:{}", go_ptr("int64", sc.run_as_group.is_some())),
        format!("RunAsNonRoot:{}", go_ptr("bool", sc.run_as_non_root.is_some())),
        format!("ReadOnlyRootFilesystem:{}", go_ptr("bool", sc.read_only_root_filesystem.is_some())),
        format!("AllowPrivilegeEscalation:{}", go_ptr("bool", sc.allow_privilege_escalation.is_some())),
        format!("ProcMount:{}", go_ptr("core.ProcMountType", sc.proc_mount.is_some())),
        format!("SeccompProfile:{}", go_ptr("core.SeccompProfile", sc.seccomp_profile.is_some())),
    ];
    // The field appeared with AppArmor GA's API in 1.30.
    if gated(Field::AppArmorProfile).exists(kube_minor) {
        fields.push(format!("AppArmorProfile:{}", go_ptr("core.AppArmorProfile", sc.app_armor_profile.is_some())));
    }
    format!("core.SecurityContext{{{}}}", fields.join(", "))
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::Capabilities;

    use super::*;

    fn ec0() -> Path {
        Path::root("spec").child("ephemeralContainers").index(0)
    }

    fn ctr(sc: SecurityContext) -> Ctr {
        Ctr { name: "debugger".into(), image: Some("busybox".into()), security_context: Some(sc), ..Default::default() }
    }

    fn run_with(sc: SecurityContext, host_users: bool, opts: &Options) -> Vec<(ErrorType, String, String)> {
        let mut errs = Errs::new();
        validate_security_context(&ctr(sc), &ec0(), host_users, opts, &mut errs);
        errs.into_iter().map(|d| (d.error_type, d.field, d.message)).collect()
    }

    fn run(sc: SecurityContext) -> Vec<(ErrorType, String, String)> {
        run_with(sc, true, &Options::default())
    }

    fn e(t: ErrorType, field: &str, message: &str) -> (ErrorType, String, String) {
        (t, format!("spec.ephemeralContainers[0].securityContext{field}"), message.to_owned())
    }

    fn codes(sc: SecurityContext) -> Vec<&'static str> {
        let mut errs = Errs::new();
        validate_security_context(&ctr(sc), &ec0(), true, &Options::default(), &mut errs);
        errs.iter().map(|d| d.code).collect()
    }

    const NOT_SUPPORTED_PROFILE: &str = "supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"";

    #[test]
    fn no_security_context_or_a_valid_one_is_fine() {
        let mut errs = Errs::new();
        validate_security_context(&Ctr::default(), &ec0(), true, &Options::default(), &mut errs);
        assert!(errs.is_empty());
        let sc = SecurityContext {
            privileged: Some(true),
            run_as_user: Some(0),
            run_as_group: Some(i64::from(i32::MAX)),
            proc_mount: Some("Default".into()),
            capabilities: Some(Capabilities { add: Some(vec!["SYS_ADMIN".into(), "NET_ADMIN".into()]), drop: None }),
            seccomp_profile: Some(SeccompProfile { type_: "RuntimeDefault".into(), localhost_profile: None }),
            app_armor_profile: Some(AppArmorProfile { type_: "Localhost".into(), localhost_profile: Some("k8s-apparmor".into()) }),
            ..Default::default()
        };
        assert_eq!(run(sc), vec![]);
    }

    #[test]
    fn r22_privileged_disallowed_by_cluster_policy() {
        let sc = SecurityContext { privileged: Some(true), ..Default::default() };
        let strict = Options { allow_privileged: false, ..Options::default() };
        assert_eq!(
            run_with(sc.clone(), true, &strict),
            vec![e(ErrorType::Forbidden, ".privileged", "Forbidden: disallowed by cluster policy")]
        );
        assert_eq!(run(sc), vec![]);
        let off = SecurityContext { privileged: Some(false), ..Default::default() };
        assert_eq!(run_with(off, true, &strict), vec![]);
    }

    #[test]
    fn r23_user_and_group_ranges() {
        let sc = SecurityContext { run_as_user: Some(-1), run_as_group: Some(2_147_483_648), ..Default::default() };
        assert_eq!(
            run(sc),
            vec![
                e(ErrorType::Invalid, ".runAsUser", "Invalid value: -1: must be between 0 and 2147483647, inclusive"),
                e(ErrorType::Invalid, ".runAsGroup", "Invalid value: 2147483648: must be between 0 and 2147483647, inclusive"),
            ]
        );
    }

    #[test]
    fn r24_proc_mount() {
        let sc = SecurityContext { proc_mount: Some("Masked".into()), ..Default::default() };
        assert_eq!(
            run(sc),
            vec![e(ErrorType::NotSupported, ".procMount", "Unsupported value: \"Masked\": supported values: \"Default\", \"Unmasked\"")]
        );
        let unmasked = SecurityContext { proc_mount: Some("Unmasked".into()), ..Default::default() };
        assert_eq!(
            run(unmasked.clone()),
            vec![e(ErrorType::Invalid, ".procMount", "Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`")]
        );
        assert_eq!(run_with(unmasked, false, &Options::default()), vec![]);
    }

    #[test]
    fn r25_privileged_with_no_escalation() {
        let sc = SecurityContext { privileged: Some(true), allow_privilege_escalation: Some(false), ..Default::default() };
        let json = concat!(
            r#"{"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"#,
            r#""RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"#,
            r#""AppArmorProfile":null}"#
        );
        assert_eq!(
            run(sc),
            vec![e(
                ErrorType::Invalid,
                "",
                &format!("Invalid value: {json}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true")
            )]
        );
    }

    #[test]
    fn r25_only_the_literal_cap_sys_admin() {
        let with = |caps: &[&str]| SecurityContext {
            allow_privilege_escalation: Some(false),
            capabilities: Some(Capabilities { add: Some(caps.iter().map(|s| s.to_string()).collect()), drop: None }),
            ..Default::default()
        };
        assert_eq!(run(with(&["SYS_ADMIN"])), vec![]);
        let errs = run(with(&["CAP_SYS_ADMIN"]));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, ErrorType::Invalid);
        assert_eq!(errs[0].1, "spec.ephemeralContainers[0].securityContext");
        assert!(errs[0].2.starts_with(r#"Invalid value: {"Capabilities":{"Add":["CAP_SYS_ADMIN"],"Drop":null},"Privileged":null,"#));
        assert!(errs[0].2.ends_with(r#""AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"#));
        // No `break` in the Go loop: one error per occurrence.
        assert_eq!(codes(with(&["CAP_SYS_ADMIN", "NET_ADMIN", "CAP_SYS_ADMIN"])), vec!["R-25", "R-25"]);
        // allowPrivilegeEscalation true or unset: nothing.
        let mut sc = with(&["CAP_SYS_ADMIN"]);
        sc.allow_privilege_escalation = None;
        assert_eq!(run(sc), vec![]);
    }

    #[test]
    fn r25_value_before_1_34_is_a_go_dump() {
        let sc = SecurityContext { privileged: Some(true), allow_privilege_escalation: Some(false), ..Default::default() };
        let old = Options { kube_minor: 33, ..Options::default() };
        let errs = run_with(sc, true, &old);
        assert!(errs[0]
            .2
            .starts_with("Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0x…), "));
        assert!(errs[0].2.contains("AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set"));
    }

    #[test]
    fn r26_seccomp_type() {
        let sp = |t: &str, p: Option<&str>| SecurityContext {
            seccomp_profile: Some(SeccompProfile { type_: t.into(), localhost_profile: p.map(Into::into) }),
            ..Default::default()
        };
        assert_eq!(
            run(sp("", None)),
            vec![e(ErrorType::Required, ".seccompProfile.type", "Required value: type is required when seccompProfile is set")]
        );
        assert_eq!(
            run(sp("Strict", None)),
            vec![e(ErrorType::NotSupported, ".seccompProfile.type", &format!("Unsupported value: \"Strict\": {NOT_SUPPORTED_PROFILE}"))]
        );
        assert_eq!(
            run(sp("Localhost", None)),
            vec![e(ErrorType::Required, ".seccompProfile.localhostProfile", "Required value: must be set when seccomp type is Localhost")]
        );
        assert_eq!(
            run(sp("Localhost", Some("/abs/../x.json"))),
            vec![
                e(ErrorType::Invalid, ".seccompProfile.localhostProfile", "Invalid value: \"/abs/../x.json\": must be a relative path"),
                e(ErrorType::Invalid, ".seccompProfile.localhostProfile", "Invalid value: \"/abs/../x.json\": must not contain '..'"),
            ]
        );
        assert_eq!(run(sp("Localhost", Some("profiles/audit.json"))), vec![]);
        assert_eq!(
            run(sp("RuntimeDefault", Some("x.json"))),
            vec![e(
                ErrorType::Invalid,
                ".seccompProfile.localhostProfile",
                r#"Invalid value: {"Type":"RuntimeDefault","LocalhostProfile":"x.json"}: can only be set when seccomp type is Localhost"#
            )]
        );
        // An unsupported type with a profile gets both errors.
        assert_eq!(codes(sp("Bogus", Some("x"))), vec!["R-26", "R-26"]);
    }

    #[test]
    fn r27_app_armor() {
        let aa = |t: &str, p: Option<&str>| SecurityContext {
            app_armor_profile: Some(AppArmorProfile { type_: t.into(), localhost_profile: p.map(Into::into) }),
            ..Default::default()
        };
        let f = ".appArmorProfile.localhostProfile";
        assert_eq!(
            run(aa("", None)),
            vec![e(ErrorType::Required, ".appArmorProfile.type", "Required value: type is required when appArmorProfile is set")]
        );
        assert_eq!(
            run(aa("Complain", None)),
            vec![e(ErrorType::NotSupported, ".appArmorProfile.type", &format!("Unsupported value: \"Complain\": {NOT_SUPPORTED_PROFILE}"))]
        );
        assert_eq!(
            run(aa("Localhost", None)),
            vec![e(ErrorType::Required, f, "Required value: must be set when AppArmor type is Localhost")]
        );
        assert_eq!(
            run(aa("Localhost", Some(""))),
            vec![e(ErrorType::Required, f, "Required value: must be set when AppArmor type is Localhost")]
        );
        assert_eq!(
            run(aa("Localhost", Some(" p "))),
            vec![e(ErrorType::Invalid, f, "Invalid value: \" p \": must not be padded with whitespace")]
        );
        assert_eq!(
            run(aa("Localhost", Some(&"p".repeat(4096)))),
            vec![e(ErrorType::TooLong, f, "Too long: may not be more than 4095 bytes")]
        );
        assert_eq!(run(aa("Localhost", Some(&"p".repeat(4095)))), vec![]);
        assert_eq!(
            run(aa("Unconfined", Some("p"))),
            vec![e(ErrorType::Invalid, f, "Invalid value: \"p\": can only be set when AppArmor type is Localhost")]
        );
    }

    #[test]
    fn r28_gmsa() {
        let wo = |name: Option<&str>, spec: Option<&str>| SecurityContext {
            windows_options: Some(WindowsSecurityContextOptions {
                gmsa_credential_spec_name: name.map(Into::into),
                gmsa_credential_spec: spec.map(Into::into),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(run(wo(Some("gmsa-webapp.example"), Some("{}"))), vec![]);
        // The server's text, in full.
        const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        assert_eq!(
            run(wo(Some("Bad_Name"), None)),
            vec![e(
                ErrorType::Invalid,
                ".windowsOptions.gmsaCredentialSpecName",
                &format!("Invalid value: \"Bad_Name\": {DNS1123_SUBDOMAIN_MSG}")
            )]
        );
        let long = "a".repeat(254);
        assert_eq!(codes(wo(Some(&long), None)), vec!["R-28"]);
        assert_eq!(run(wo(Some(&long), None))[0].2, format!("Invalid value: \"{long}\": must be no more than 253 characters"));
        assert_eq!(
            run(wo(None, Some(""))),
            vec![e(
                ErrorType::Invalid,
                ".windowsOptions.gmsaCredentialSpec",
                "Invalid value: \"\": gmsaCredentialSpec cannot be an empty string"
            )]
        );
        let huge = "x".repeat(64 * 1024 + 1);
        let errs = run(wo(None, Some(&huge)));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].2.ends_with(": gmsaCredentialSpec size must be under 64 KiB"));
        assert_eq!(run(wo(None, Some(&"x".repeat(64 * 1024)))), vec![]);
    }

    #[test]
    fn r28_run_as_user_name() {
        let user = |n: &str| SecurityContext {
            windows_options: Some(WindowsSecurityContextOptions { run_as_user_name: Some(n.into()), ..Default::default() }),
            ..Default::default()
        };
        let msgs = |n: &str| run(user(n)).into_iter().map(|(_, _, m)| m).collect::<Vec<_>>();
        assert_eq!(
            run(user("")),
            vec![e(ErrorType::Invalid, ".windowsOptions.runAsUserName", "Invalid value: \"\": runAsUserName cannot be an empty string")]
        );
        assert_eq!(msgs("a\tb"), vec!["Invalid value: \"a\\tb\": runAsUserName cannot contain control characters"]);
        assert_eq!(msgs(r"a\b\c"), vec![r#"Invalid value: "a\\b\\c": runAsUserName cannot contain more than one backslash"#]);
        assert_eq!(msgs(r"NT AUTHORITY\"), vec![r#"Invalid value: "NT AUTHORITY\\": runAsUserName's User cannot be empty"#]);
        assert_eq!(msgs(r"NT AUTHORITY\SYSTEM"), Vec::<String>::new());
        assert_eq!(msgs(r"corp.example.com\svc-web"), Vec::<String>::new());
        assert_eq!(msgs("ContainerAdministrator"), Vec::<String>::new());
        assert_eq!(
            msgs(r"bad:domain\u"),
            vec![r#"Invalid value: "bad:domain\\u": runAsUserName's Domain doesn't match the NetBios nor the DNS format"#]
        );
        let long_domain = format!("{}\\u", "d".repeat(256));
        let m = msgs(&long_domain);
        assert_eq!(m.len(), 2);
        assert!(m[0].ends_with(": runAsUserName's Domain length must be under 256 characters"));
        assert!(m[1].ends_with(": runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
        let long_user = "u".repeat(105);
        assert_eq!(
            msgs(&long_user),
            vec![format!("Invalid value: \"{long_user}\": runAsUserName's User length must not be longer than 104 characters")]
        );
        assert_eq!(msgs(". ."), vec!["Invalid value: \". .\": runAsUserName's User cannot contain only periods or spaces"]);
        // `<` is escaped by encoding/json since the 1.34 value rendering.
        assert_eq!(
            msgs("a<b"),
            vec![r#"Invalid value: "a\u003cb": runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]"#]
        );
        let old = Options { kube_minor: 33, ..Options::default() };
        assert_eq!(
            run_with(user("a<b"), true, &old)[0].2,
            r#"Invalid value: "a<b": runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]"#
        );
    }

    #[test]
    fn errors_come_in_server_order() {
        let sc = SecurityContext {
            app_armor_profile: Some(AppArmorProfile { type_: "".into(), localhost_profile: None }),
            windows_options: Some(WindowsSecurityContextOptions { run_as_user_name: Some("".into()), ..Default::default() }),
            capabilities: Some(Capabilities { add: Some(vec!["CAP_SYS_ADMIN".into()]), drop: None }),
            allow_privilege_escalation: Some(false),
            seccomp_profile: Some(SeccompProfile { type_: "".into(), localhost_profile: None }),
            proc_mount: Some("Unmasked".into()),
            run_as_group: Some(-2),
            run_as_user: Some(-1),
            privileged: Some(true),
            ..Default::default()
        };
        let strict = Options { allow_privileged: false, ..Options::default() };
        let mut errs = Errs::new();
        validate_security_context(&ctr(sc), &ec0(), true, &strict, &mut errs);
        let got: Vec<(&str, &str)> = errs.iter().map(|d| (d.code, d.field.rsplit("securityContext").next().unwrap())).collect();
        assert_eq!(
            got,
            vec![
                ("R-22", ".privileged"),
                ("R-23", ".runAsUser"),
                ("R-23", ".runAsGroup"),
                ("R-24", ".procMount"),
                ("R-26", ".seccompProfile.type"),
                ("R-25", ""),
                ("R-25", ""),
                ("R-28", ".windowsOptions.runAsUserName"),
                ("R-27", ".appArmorProfile.type"),
            ]
        );
    }

    #[test]
    fn json_quoting_matches_encoding_json() {
        assert_eq!(go_json_quote("plain"), r#""plain""#);
        assert_eq!(go_json_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_json_quote("<&>"), r#""\u003c\u0026\u003e""#);
        assert_eq!(go_json_quote("\u{1}\u{8}\u{c}\n\r\t\u{7f}"), "\"\\u0001\\b\\f\\n\\r\\t\u{7f}\"");
        assert_eq!(go_json_quote("é\u{2028}"), "\"é\\u2028\"");
    }

    #[test]
    fn domain_formats() {
        assert!(is_netbios_domain("CORP"));
        assert!(is_netbios_domain("NT AUTHORITY"));
        assert!(!is_netbios_domain(".corp"));
        assert!(!is_netbios_domain(&"x".repeat(16)));
        assert!(is_windows_dns_domain("Corp.Example.com"));
        assert!(!is_windows_dns_domain("-corp.example"));
        assert!(!is_windows_dns_domain("corp..example"));
    }
}
