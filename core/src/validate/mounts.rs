//! Volume mounts and devices (R-12 … R-18).
//!
//! Mirrors `ValidateVolumeMounts`, `ValidateVolumeDevices`, `validateLocalDescendingPath`,
//! `validatePathNoBacksteps`, `validateMountPropagation` and `validateMountRecursiveReadOnly`
//! of kubernetes/kubernetes `pkg/apis/core/validation/validation.go`, and the part of
//! `ValidateVolumes` that decides which pod volumes a mount can name (`IsMatchedVolume`,
//! `isMatchedDevice`).
//!
//! Two quirks of the server are kept on purpose:
//! * the `subPath`/`subPathExpr` path checks and the `mountPropagation` and `recursiveReadOnly`
//!   checks report the **list** path without an index (`…volumeMounts.subPath`);
//! * the name → path maps used for the mount/device overlap checks keep the *last* entry of
//!   a repeated name (`GetVolumeMountMap`, `GetVolumeDeviceMap`), so an earlier path of a repeated
//!   name is not seen by the overlap check.
//!
//! The ephemeral-only `Forbidden` for `subPath`/`subPathExpr` is not here; it is
//! appended by `validateEphemeralContainers` after these checks.

use std::collections::{HashMap, HashSet};

use k8s_openapi::api::core::v1::{Volume, VolumeDevice, VolumeMount};

use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;

use super::{names, push, Ctr, Errs, PodView};

/// ValidateVolumeMounts for one container; `path` is the container's `volumeMounts` path.
///
/// Per mount, in the server's order: R-12 (`name` Required, then NotFound — an empty name
/// gets both), R-13 (`mountPath` Required, `must be unique`), R-14 (overlap with
/// `volumeDevices`), R-15 (image volumes on 1.31–1.32, then `subPath`, the mutual exclusion,
/// `subPathExpr`), R-16 (`mountPropagation`) and R-17 (`recursiveReadOnly`).
pub fn validate_volume_mounts(ctr: &Ctr, pod: &PodView, path: &Path, errs: &mut Errs) {
    let mounts = ctr.volume_mounts.as_deref().unwrap_or_default();
    let devices = device_map(ctr.volume_devices.as_deref().unwrap_or_default());
    let volumes = pod_volumes(pod.volumes);
    let privileged = ctr.security_context.as_ref().and_then(|sc| sc.privileged).unwrap_or(false);
    let mut mount_points: HashSet<&str> = HashSet::new();

    for (i, mnt) in mounts.iter().enumerate() {
        let idx = path.index(i);
        let name = mnt.name.as_str();
        let mount_path = mnt.mount_path.as_str();

        // the name is required and must be a (valid) pod volume.
        if name.is_empty() {
            push(errs, "R-12", ErrorType::Required, &idx.child("name"), BadValue::Omit, "");
        }
        if !volumes.contains_key(name) {
            push(errs, "R-12", ErrorType::NotFound, &idx.child("name"), BadValue::str(name), "");
        }

        // the mount path is required and unique within the container. An empty path
        // is remembered too, so a second empty path is also "not unique".
        if mount_path.is_empty() {
            push(errs, "R-13", ErrorType::Required, &idx.child("mountPath"), BadValue::Omit, "");
        }
        if !mount_points.insert(mount_path) {
            push(errs, "R-13", ErrorType::Invalid, &idx.child("mountPath"), BadValue::str(mount_path), "must be unique");
        }

        // overlap with volumeDevices (`mountNameAlreadyExists`, `mountPathAlreadyExists`).
        if devices.contains_key(name) {
            push(errs, "R-14", ErrorType::Invalid, &idx.child("name"), BadValue::str(name), "must not already exist in volumeDevices");
        }
        if devices.values().any(|p| *p == mount_path) {
            push(
                errs,
                "R-14",
                ErrorType::Invalid,
                &idx.child("mountPath"),
                BadValue::str(mount_path),
                "must not already exist as a path in volumeDevices",
            );
        }

        let sub_path = mnt.sub_path.as_deref().unwrap_or("");
        let sub_path_expr = mnt.sub_path_expr.as_deref().unwrap_or("");

        // image volumes took no subPath on 1.31 and 1.32 (ImageVolume alpha). KEP-4639
        // lifted the restriction when the feature went beta in 1.33 (kubernetes/kubernetes#130135),
        // so 1.33 and later, 1.37 included, do not report it.
        if crate::versions::IMAGE_VOLUME_SUBPATH_REFUSED.contains(&pod.opts.kube_minor)
            && volumes.get(name).is_some_and(|v| v.image.is_some())
        {
            if !sub_path.is_empty() {
                push(
                    errs,
                    "R-15",
                    ErrorType::Invalid,
                    &idx.child("subPath"),
                    BadValue::str(sub_path),
                    "not allowed in image volume sources",
                );
            }
            if !sub_path_expr.is_empty() {
                push(
                    errs,
                    "R-15",
                    ErrorType::Invalid,
                    &idx.child("subPathExpr"),
                    BadValue::str(sub_path_expr),
                    "not allowed in image volume sources",
                );
            }
        }

        // subPath and subPathExpr must stay inside the volume. The server reports these at
        // the list path (`fldPath.Child("subPath")`), not at the mount's index.
        if !sub_path.is_empty() {
            validate_local_descending_path(sub_path, &path.child("subPath"), errs);
        }
        if !sub_path_expr.is_empty() {
            if !sub_path.is_empty() {
                push(
                    errs,
                    "R-15",
                    ErrorType::Invalid,
                    &idx.child("subPathExpr"),
                    BadValue::str(sub_path_expr),
                    "subPathExpr and subPath are mutually exclusive",
                );
            }
            validate_local_descending_path(sub_path_expr, &path.child("subPathExpr"), errs);
        }

        if let Some(mode) = mnt.mount_propagation.as_deref() {
            validate_mount_propagation(mode, privileged, &path.child("mountPropagation"), errs);
        }
        validate_mount_recursive_read_only(mnt, &path.child("recursiveReadOnly"), errs);
    }
}

/// ValidateVolumeDevices for one container; `path` is the container's `volumeDevices` path.
///
/// All of R-18, per device in the server's order: `name` Required, `must be unique`, not a
/// PVC/ephemeral volume, NotFound; `devicePath` Required, `must be unique`, backsteps; then the
/// overlap with `volumeMounts` (name, path).
pub fn validate_volume_devices(ctr: &Ctr, pod: &PodView, path: &Path, errs: &mut Errs) {
    let devices = ctr.volume_devices.as_deref().unwrap_or_default();
    let mounts = mount_map(ctr.volume_mounts.as_deref().unwrap_or_default());
    let volumes = pod_volumes(pod.volumes);
    let mut device_paths: HashSet<&str> = HashSet::new();
    let mut device_names: HashSet<&str> = HashSet::new();

    for (i, dev) in devices.iter().enumerate() {
        let idx = path.index(i);
        let name = dev.name.as_str();
        let dev_path = dev.device_path.as_str();
        // `isMatchedDevice`: block devices need a PersistentVolumeClaim or a generic ephemeral volume.
        let matched = volumes.get(name);
        let is_pvc = matched.is_some_and(|v| v.persistent_volume_claim.is_some() || v.ephemeral.is_some());

        if name.is_empty() {
            push(errs, "R-18", ErrorType::Required, &idx.child("name"), BadValue::Omit, "");
        }
        if device_names.contains(name) {
            push(errs, "R-18", ErrorType::Invalid, &idx.child("name"), BadValue::str(name), "must be unique");
        }
        if matched.is_some() && !is_pvc {
            push(
                errs,
                "R-18",
                ErrorType::Invalid,
                &idx.child("name"),
                BadValue::str(name),
                "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
            );
        }
        if matched.is_none() {
            push(errs, "R-18", ErrorType::NotFound, &idx.child("name"), BadValue::str(name), "");
        }

        if dev_path.is_empty() {
            push(errs, "R-18", ErrorType::Required, &idx.child("devicePath"), BadValue::Omit, "");
        }
        if device_paths.contains(dev_path) {
            push(errs, "R-18", ErrorType::Invalid, &idx.child("devicePath"), BadValue::str(dev_path), "must be unique");
        }
        // A path with a backstep is reported (at the device's index, unlike subPath) and not
        // remembered; every other path, the empty one included, is.
        if !dev_path.is_empty() && has_backsteps(dev_path) {
            push(errs, "R-18", ErrorType::Invalid, &idx.child("devicePath"), BadValue::str(dev_path), "can not contain backsteps ('..')");
        } else {
            device_paths.insert(dev_path);
        }

        // Overlap with volumeMounts (`deviceNameAlreadyExists`, `devicePathAlreadyExists`).
        if mounts.contains_key(name) {
            push(errs, "R-18", ErrorType::Invalid, &idx.child("name"), BadValue::str(name), "must not already exist in volumeMounts");
        }
        if mounts.values().any(|p| *p == dev_path) {
            push(
                errs,
                "R-18",
                ErrorType::Invalid,
                &idx.child("devicePath"),
                BadValue::str(dev_path),
                "must not already exist as a path in volumeMounts",
            );
        }
        if !name.is_empty() {
            device_names.insert(name);
        }
    }
}

/// The pod volumes a mount or device can name: the map `ValidateVolumes` returns.
///
/// The server puts a volume in the map only if its own validation produced no error, so a
/// volume with an empty or non-DNS-1123-label name, a repeated name (the first valid one wins)
/// or more than one source type is not found by `IsMatchedVolume`. A volume with no source at
/// all was defaulted to `emptyDir` (`SetDefaults_Volume`) and counts.
///
/// Not mirrored: the per-source checks of `validateVolumeSource` (for example a
/// `persistentVolumeClaim` without `claimName`). A pod that already exists passed them, so such a
/// volume is treated as present here.
pub(crate) fn pod_volumes(volumes: &[Volume]) -> HashMap<&str, &Volume> {
    let mut out: HashMap<&str, &Volume> = HashMap::new();
    for vol in volumes {
        let name = vol.name.as_str();
        let valid = name.len() <= 63 && names::is_label_body(name) && !out.contains_key(name) && source_count(vol) <= 1;
        if valid {
            out.insert(name, vol);
        }
    }
    out
}

/// How many volume source types a volume sets (`validateVolumeSource`'s `numVolumes`).
pub(crate) fn source_count(v: &Volume) -> usize {
    [
        v.aws_elastic_block_store.is_some(),
        v.azure_disk.is_some(),
        v.azure_file.is_some(),
        v.cephfs.is_some(),
        v.cinder.is_some(),
        v.config_map.is_some(),
        v.csi.is_some(),
        v.downward_api.is_some(),
        v.empty_dir.is_some(),
        v.ephemeral.is_some(),
        v.fc.is_some(),
        v.flex_volume.is_some(),
        v.flocker.is_some(),
        v.gce_persistent_disk.is_some(),
        v.git_repo.is_some(),
        v.glusterfs.is_some(),
        v.host_path.is_some(),
        v.image.is_some(),
        v.iscsi.is_some(),
        v.nfs.is_some(),
        v.persistent_volume_claim.is_some(),
        v.photon_persistent_disk.is_some(),
        v.portworx_volume.is_some(),
        v.projected.is_some(),
        v.quobyte.is_some(),
        v.rbd.is_some(),
        v.scale_io.is_some(),
        v.secret.is_some(),
        v.storageos.is_some(),
        v.vsphere_volume.is_some(),
    ]
    .into_iter()
    .filter(|set| *set)
    .count()
}

/// `GetVolumeMountMap`: mount name → mount path; a repeated name keeps its last path.
fn mount_map(mounts: &[VolumeMount]) -> HashMap<&str, &str> {
    mounts.iter().map(|m| (m.name.as_str(), m.mount_path.as_str())).collect()
}

/// `GetVolumeDeviceMap`: device name → device path; a repeated name keeps its last path.
fn device_map(devices: &[VolumeDevice]) -> HashMap<&str, &str> {
    devices.iter().map(|d| (d.name.as_str(), d.device_path.as_str())).collect()
}

/// `validateLocalDescendingPath`: not absolute (`path.IsAbs`: a leading `/`), and no
/// `..` element.
fn validate_local_descending_path(target: &str, path: &Path, errs: &mut Errs) {
    if target.starts_with('/') {
        push(errs, "R-15", ErrorType::Invalid, path, BadValue::str(target), "must be a relative path");
    }
    if has_backsteps(target) {
        push(errs, "R-15", ErrorType::Invalid, path, BadValue::str(target), "must not contain '..'");
    }
}

/// `validatePathNoBacksteps` without the error: whether a `/`-separated element is `..`
/// (`filepath.ToSlash` changes nothing on the Linux API server).
fn has_backsteps(target: &str) -> bool {
    target.split('/').any(|part| part == "..")
}

/// `validateMountPropagation`, reported at the list path. `Bidirectional` needs the
/// container's own `securityContext.privileged: true`; the pod's settings do not count.
fn validate_mount_propagation(mode: &str, privileged: bool, path: &Path, errs: &mut Errs) {
    const SUPPORTED: [&str; 3] = ["Bidirectional", "HostToContainer", "None"];
    if !SUPPORTED.contains(&mode) {
        push(errs, "R-16", ErrorType::NotSupported, path, BadValue::str(mode), &supported_values(&SUPPORTED));
    }
    if mode == "Bidirectional" && !privileged {
        push(
            errs,
            "R-16",
            ErrorType::Forbidden,
            path,
            BadValue::Omit,
            "Bidirectional mount propagation is available only to privileged containers",
        );
    }
}

/// `validateMountRecursiveReadOnly`, reported at the list path. `Enabled` and
/// `IfPossible` need `readOnly: true` and a propagation of `None` (or none at all).
fn validate_mount_recursive_read_only(mnt: &VolumeMount, path: &Path, errs: &mut Errs) {
    let Some(rro) = mnt.recursive_read_only.as_deref() else {
        return;
    };
    match rro {
        "Disabled" => {}
        "Enabled" | "IfPossible" => {
            if !mnt.read_only.unwrap_or(false) {
                push(errs, "R-17", ErrorType::Forbidden, path, BadValue::Omit, "may only be specified when readOnly is true");
            }
            if mnt.mount_propagation.as_deref().is_some_and(|p| p != "None") {
                push(
                    errs,
                    "R-17",
                    ErrorType::Forbidden,
                    path,
                    BadValue::Omit,
                    "may only be specified when mountPropagation is None or not specified",
                );
            }
        }
        other => {
            push(
                errs,
                "R-17",
                ErrorType::NotSupported,
                path,
                BadValue::str(other),
                &supported_values(&["Disabled", "Enabled", "IfPossible"]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{
        EmptyDirVolumeSource, EphemeralVolumeSource, ImageVolumeSource, PersistentVolumeClaimVolumeSource, SecretVolumeSource,
        SecurityContext,
    };

    use super::*;
    use crate::validate::{Options, PodOptions};

    fn ec0() -> Path {
        Path::root("spec").child("ephemeralContainers").index(0)
    }

    fn vm_path() -> Path {
        ec0().child("volumeMounts")
    }

    fn vd_path() -> Path {
        ec0().child("volumeDevices")
    }

    fn empty_dir(name: &str) -> Volume {
        Volume { name: name.into(), empty_dir: Some(EmptyDirVolumeSource::default()), ..Default::default() }
    }

    fn pvc(name: &str) -> Volume {
        Volume {
            name: name.into(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource { claim_name: "claim".into(), ..Default::default() }),
            ..Default::default()
        }
    }

    fn image_vol(name: &str) -> Volume {
        Volume {
            name: name.into(),
            image: Some(ImageVolumeSource { reference: Some("busybox".into()), ..Default::default() }),
            ..Default::default()
        }
    }

    fn mount(name: &str, mount_path: &str) -> VolumeMount {
        VolumeMount { name: name.into(), mount_path: mount_path.into(), ..Default::default() }
    }

    fn device(name: &str, device_path: &str) -> VolumeDevice {
        VolumeDevice { name: name.into(), device_path: device_path.into() }
    }

    /// Runs both validators, mounts first, as `validateContainerCommon` does, on a
    /// 1.`minor` server and returns `(type, field, message, code)`.
    fn run_at(minor: u32, ctr: &Ctr, volumes: &[Volume]) -> Vec<(ErrorType, String, String, &'static str)> {
        let opts = Options { kube_minor: minor, ..Options::default() };
        let pod_opts = PodOptions::default();
        let view = PodView { volumes, host_users: true, opts: &opts, pod_opts: &pod_opts, claim_names: &[], restart_policy: "Always" };
        let mut errs = Errs::new();
        validate_volume_mounts(ctr, &view, &vm_path(), &mut errs);
        validate_volume_devices(ctr, &view, &vd_path(), &mut errs);
        errs.into_iter().map(|d| (d.error_type, d.field, d.message, d.code)).collect()
    }

    fn run(ctr: &Ctr, volumes: &[Volume]) -> Vec<(ErrorType, String, String, &'static str)> {
        run_at(crate::versions::LATEST_KUBE_MINOR, ctr, volumes)
    }

    fn with_mounts(mounts: Vec<VolumeMount>) -> Ctr {
        Ctr { name: "debugger".into(), volume_mounts: Some(mounts), ..Default::default() }
    }

    fn e(t: ErrorType, field: &str, message: &str, code: &'static str) -> (ErrorType, String, String, &'static str) {
        (t, field.to_owned(), message.to_owned(), code)
    }

    #[test]
    fn valid_mounts_and_devices_pass() {
        let mut ctr = with_mounts(vec![
            mount("data", "/data"),
            VolumeMount { read_only: Some(true), recursive_read_only: Some("Enabled".into()), ..mount("secret", "/secret") },
            VolumeMount { sub_path: Some("a/b".into()), mount_propagation: Some("HostToContainer".into()), ..mount("data", "/sub") },
        ]);
        ctr.volume_devices = Some(vec![device("block", "/dev/xvda")]);
        let vols = [
            empty_dir("data"),
            Volume { name: "secret".into(), secret: Some(SecretVolumeSource::default()), ..Default::default() },
            pvc("block"),
        ];
        assert_eq!(run(&ctr, &vols), vec![]);
    }

    #[test]
    fn empty_name_is_required_and_not_found() {
        let ctr = with_mounts(vec![mount("", "/data")]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![
                e(ErrorType::Required, "spec.ephemeralContainers[0].volumeMounts[0].name", "Required value", "R-12"),
                e(ErrorType::NotFound, "spec.ephemeralContainers[0].volumeMounts[0].name", "Not found: \"\"", "R-12"),
            ]
        );
    }

    #[test]
    fn unknown_volume_is_not_found() {
        let ctr = with_mounts(vec![mount("nope", "/data")]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![e(ErrorType::NotFound, "spec.ephemeralContainers[0].volumeMounts[0].name", "Not found: \"nope\"", "R-12")]
        );
    }

    #[test]
    fn only_valid_pod_volumes_can_be_mounted() {
        // Two sources: the server's volume validation fails, so it is not in the map.
        let two = Volume { persistent_volume_claim: pvc("x").persistent_volume_claim, ..empty_dir("two") };
        // No source at all: defaulted to emptyDir, so it counts.
        let none = Volume { name: "none".into(), ..Default::default() };
        // Not a DNS-1123 label.
        let bad = empty_dir("Bad_Name");
        let ctr = with_mounts(vec![mount("two", "/a"), mount("none", "/b"), mount("Bad_Name", "/c")]);
        assert_eq!(
            run(&ctr, &[two, none, bad]),
            vec![
                e(ErrorType::NotFound, "spec.ephemeralContainers[0].volumeMounts[0].name", "Not found: \"two\"", "R-12"),
                e(ErrorType::NotFound, "spec.ephemeralContainers[0].volumeMounts[2].name", "Not found: \"Bad_Name\"", "R-12"),
            ]
        );
    }

    #[test]
    fn mount_path_required_and_unique() {
        let ctr = with_mounts(vec![mount("data", "/data"), mount("data", "/data"), mount("data", ""), mount("data", "")]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[1].mountPath",
                    "Invalid value: \"/data\": must be unique",
                    "R-13"
                ),
                e(ErrorType::Required, "spec.ephemeralContainers[0].volumeMounts[2].mountPath", "Required value", "R-13"),
                e(ErrorType::Required, "spec.ephemeralContainers[0].volumeMounts[3].mountPath", "Required value", "R-13"),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[3].mountPath",
                    "Invalid value: \"\": must be unique",
                    "R-13"
                ),
            ]
        );
    }

    #[test]
    fn absolute_and_backstep_sub_paths_are_reported_at_the_list_path() {
        let ctr = with_mounts(vec![
            VolumeMount { sub_path: Some("/abs/../x".into()), ..mount("data", "/a") },
            VolumeMount { sub_path_expr: Some("../$(POD)".into()), ..mount("data", "/b") },
            VolumeMount { sub_path: Some("a..b/..c".into()), ..mount("data", "/c") },
        ]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts.subPath",
                    "Invalid value: \"/abs/../x\": must be a relative path",
                    "R-15"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts.subPath",
                    "Invalid value: \"/abs/../x\": must not contain '..'",
                    "R-15"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts.subPathExpr",
                    "Invalid value: \"../$(POD)\": must not contain '..'",
                    "R-15"
                ),
            ]
        );
    }

    #[test]
    fn sub_path_and_sub_path_expr_are_mutually_exclusive() {
        let ctr = with_mounts(vec![VolumeMount { sub_path: Some("a".into()), sub_path_expr: Some("/b".into()), ..mount("data", "/a") }]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[0].subPathExpr",
                    "Invalid value: \"/b\": subPathExpr and subPath are mutually exclusive",
                    "R-15"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts.subPathExpr",
                    "Invalid value: \"/b\": must be a relative path",
                    "R-15"
                ),
            ]
        );
    }

    #[test]
    fn image_volume_sub_paths_only_rejected_on_1_31_and_1_32() {
        let ctr = with_mounts(vec![VolumeMount { sub_path: Some("bin".into()), sub_path_expr: Some("x".into()), ..mount("img", "/img") }]);
        let vols = [image_vol("img")];
        assert_eq!(
            run_at(32, &ctr, &vols),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[0].subPath",
                    "Invalid value: \"bin\": not allowed in image volume sources",
                    "R-15"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[0].subPathExpr",
                    "Invalid value: \"x\": not allowed in image volume sources",
                    "R-15"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[0].subPathExpr",
                    "Invalid value: \"x\": subPathExpr and subPath are mutually exclusive",
                    "R-15"
                ),
            ]
        );
        let at_37 = run(&ctr, &vols);
        assert_eq!(at_37.len(), 1);
        assert_eq!(at_37[0].2, "Invalid value: \"x\": subPathExpr and subPath are mutually exclusive");
    }

    #[test]
    fn bidirectional_needs_a_privileged_container() {
        let m = VolumeMount { mount_propagation: Some("Bidirectional".into()), ..mount("data", "/data") };
        let ctr = with_mounts(vec![m.clone()]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![e(
                ErrorType::Forbidden,
                "spec.ephemeralContainers[0].volumeMounts.mountPropagation",
                "Forbidden: Bidirectional mount propagation is available only to privileged containers",
                "R-16"
            )]
        );
        let privileged =
            Ctr { security_context: Some(SecurityContext { privileged: Some(true), ..Default::default() }), ..with_mounts(vec![m]) };
        assert_eq!(run(&privileged, &[empty_dir("data")]), vec![]);
    }

    #[test]
    fn unknown_mount_propagation_is_not_supported() {
        let ctr = with_mounts(vec![VolumeMount { mount_propagation: Some("Shared".into()), ..mount("data", "/data") }]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![e(
                ErrorType::NotSupported,
                "spec.ephemeralContainers[0].volumeMounts.mountPropagation",
                "Unsupported value: \"Shared\": supported values: \"Bidirectional\", \"HostToContainer\", \"None\"",
                "R-16"
            )]
        );
    }

    #[test]
    fn recursive_read_only_rules() {
        let ctr = with_mounts(vec![
            VolumeMount {
                recursive_read_only: Some("Enabled".into()),
                mount_propagation: Some("HostToContainer".into()),
                ..mount("data", "/a")
            },
            VolumeMount { recursive_read_only: Some("Always".into()), ..mount("data", "/b") },
            VolumeMount { recursive_read_only: Some("Disabled".into()), ..mount("data", "/c") },
        ]);
        assert_eq!(
            run(&ctr, &[empty_dir("data")]),
            vec![
                e(
                    ErrorType::Forbidden,
                    "spec.ephemeralContainers[0].volumeMounts.recursiveReadOnly",
                    "Forbidden: may only be specified when readOnly is true",
                    "R-17"
                ),
                e(
                    ErrorType::Forbidden,
                    "spec.ephemeralContainers[0].volumeMounts.recursiveReadOnly",
                    "Forbidden: may only be specified when mountPropagation is None or not specified",
                    "R-17"
                ),
                e(
                    ErrorType::NotSupported,
                    "spec.ephemeralContainers[0].volumeMounts.recursiveReadOnly",
                    "Unsupported value: \"Always\": supported values: \"Disabled\", \"Enabled\", \"IfPossible\"",
                    "R-17"
                ),
            ]
        );
    }

    #[test]
    fn mounts_and_devices_must_not_overlap() {
        let mut ctr = with_mounts(vec![mount("block", "/dev/xvda")]);
        ctr.volume_devices = Some(vec![device("block", "/dev/xvda")]);
        assert_eq!(
            run(&ctr, &[pvc("block")]),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[0].name",
                    "Invalid value: \"block\": must not already exist in volumeDevices",
                    "R-14"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeMounts[0].mountPath",
                    "Invalid value: \"/dev/xvda\": must not already exist as a path in volumeDevices",
                    "R-14"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[0].name",
                    "Invalid value: \"block\": must not already exist in volumeMounts",
                    "R-18"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[0].devicePath",
                    "Invalid value: \"/dev/xvda\": must not already exist as a path in volumeMounts",
                    "R-18"
                ),
            ]
        );
    }

    #[test]
    fn overlap_check_sees_only_the_last_path_of_a_repeated_name() {
        // GetVolumeDeviceMap keeps "/dev/b" for "block"; "/dev/a" is not seen.
        let mut ctr = with_mounts(vec![mount("data", "/dev/a")]);
        ctr.volume_devices = Some(vec![device("block", "/dev/a"), device("block", "/dev/b")]);
        // The mount side sees no overlap; the device side (all mount paths are kept) does.
        assert_eq!(
            run(&ctr, &[empty_dir("data"), pvc("block")]),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[0].devicePath",
                    "Invalid value: \"/dev/a\": must not already exist as a path in volumeMounts",
                    "R-18"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[1].name",
                    "Invalid value: \"block\": must be unique",
                    "R-18"
                ),
            ]
        );
    }

    #[test]
    fn device_on_a_non_pvc_volume() {
        let mut ctr = with_mounts(vec![]);
        ctr.volume_devices = Some(vec![device("data", "/dev/xvda"), device("gone", "/dev/xvdb")]);
        let eph = Volume { name: "eph".into(), ephemeral: Some(EphemeralVolumeSource::default()), ..Default::default() };
        assert_eq!(
            run(&ctr, &[empty_dir("data"), eph]),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[0].name",
                    "Invalid value: \"data\": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
                    "R-18"
                ),
                e(ErrorType::NotFound, "spec.ephemeralContainers[0].volumeDevices[1].name", "Not found: \"gone\"", "R-18"),
            ]
        );
        // A generic ephemeral volume is fine.
        ctr.volume_devices = Some(vec![device("eph", "/dev/xvda")]);
        let eph = Volume { name: "eph".into(), ephemeral: Some(EphemeralVolumeSource::default()), ..Default::default() };
        assert_eq!(run(&ctr, &[eph]), vec![]);
    }

    #[test]
    fn device_name_and_path_rules() {
        let mut ctr = with_mounts(vec![]);
        ctr.volume_devices = Some(vec![
            device("", ""),
            device("block", "/dev/../xvda"),
            device("block", "/dev/../xvda"),
            device("block2", ""),
            device("block2", "/dev/xvdc"),
        ]);
        assert_eq!(
            run(&ctr, &[pvc("block"), pvc("block2")]),
            vec![
                e(ErrorType::Required, "spec.ephemeralContainers[0].volumeDevices[0].name", "Required value", "R-18"),
                e(ErrorType::NotFound, "spec.ephemeralContainers[0].volumeDevices[0].name", "Not found: \"\"", "R-18"),
                e(ErrorType::Required, "spec.ephemeralContainers[0].volumeDevices[0].devicePath", "Required value", "R-18"),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[1].devicePath",
                    "Invalid value: \"/dev/../xvda\": can not contain backsteps ('..')",
                    "R-18"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[2].name",
                    "Invalid value: \"block\": must be unique",
                    "R-18"
                ),
                // The backstep path was never remembered, so it is not "not unique".
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[2].devicePath",
                    "Invalid value: \"/dev/../xvda\": can not contain backsteps ('..')",
                    "R-18"
                ),
                e(ErrorType::Required, "spec.ephemeralContainers[0].volumeDevices[3].devicePath", "Required value", "R-18"),
                // The empty path of device 0 was remembered.
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[3].devicePath",
                    "Invalid value: \"\": must be unique",
                    "R-18"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].volumeDevices[4].name",
                    "Invalid value: \"block2\": must be unique",
                    "R-18"
                ),
            ]
        );
    }

    #[test]
    fn image_volume_device_is_not_pvc() {
        let mut ctr = with_mounts(vec![]);
        ctr.volume_devices = Some(vec![device("img", "/dev/x")]);
        let got = run(&ctr, &[image_vol("img")]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ErrorType::Invalid);
        assert_eq!(got[0].1, "spec.ephemeralContainers[0].volumeDevices[0].name");
    }
}
