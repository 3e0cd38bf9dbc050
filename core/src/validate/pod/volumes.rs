//! `ValidateVolumes` and `validatePodResourceClaims`: the pod's volumes and resource claims.

use super::*;

// ---------------------------------------------------------------------------------------------
// Volumes and resource claims
// ---------------------------------------------------------------------------------------------

/// `ValidateVolumes`.
pub(super) fn validate_volumes(volumes: &[Volume], meta: Option<&ObjectMeta>, path: &Path, minor: u32, errs: &mut Errs) {
    let pod_name = meta.and_then(|m| m.name.as_deref()).filter(|n| !n.is_empty());
    let created_pvcs: HashSet<String> = match pod_name {
        Some(pod) => volumes.iter().filter(|v| v.ephemeral.is_some()).map(|v| format!("{pod}-{}", v.name)).collect(),
        None => HashSet::new(),
    };
    let mut names: HashSet<&str> = HashSet::new();
    for (i, vol) in volumes.iter().enumerate() {
        let p = path.index(i);
        let name_path = p.child("name");
        let mut el = Errs::new();
        validate_volume_source(vol, &p, pod_name, minor, &mut el);
        if vol.name.is_empty() {
            required(&mut el, &name_path, "");
        } else {
            for msg in dns1123_label(&vol.name, minor) {
                invalid_str(&mut el, &name_path, &vol.name, &msg);
            }
        }
        if names.contains(vol.name.as_str()) {
            push(&mut el, CODE, ErrorType::Duplicate, &name_path, BadValue::str(&vol.name), "");
        }
        if el.is_empty() {
            names.insert(vol.name.as_str());
        } else {
            errs.append(&mut el);
        }
        if let Some(pvc) = &vol.persistent_volume_claim {
            if created_pvcs.contains(&pvc.claim_name) {
                invalid_str(
                    errs,
                    &p.child("persistentVolumeClaim").child("claimName"),
                    &pvc.claim_name,
                    "must not reference a PVC that gets created for an ephemeral volume",
                );
            }
        }
    }
}

/// Counts sources in the server's order; returns whether this one is the first (and should be
/// validated) or pushes `may not specify more than 1 volume type`.
pub(super) fn first_source(count: &mut u32, path: &Path, key: &str, errs: &mut Errs) -> bool {
    if *count > 0 {
        forbidden(errs, &path.child(key), ONE_VOLUME_TYPE);
        false
    } else {
        *count += 1;
        true
    }
}

/// `validateVolumeSource`. `path` is `spec.volumes[i]`.
pub(super) fn validate_volume_source(v: &Volume, path: &Path, pod_name: Option<&str>, minor: u32, errs: &mut Errs) {
    let mut n = 0u32;
    if let Some(ed) = &v.empty_dir {
        n += 1;
        if ed.size_limit.as_ref().and_then(|q| quantity_sign(&q.0)) == Some(Ordering::Less) {
            forbidden(errs, &path.child("emptyDir").child("sizeLimit"), "SizeLimit field must be a valid resource quantity");
        }
    }
    if let Some(hp) = &v.host_path {
        if first_source(&mut n, path, "hostPath", errs) {
            let p = path.child("hostPath");
            if hp.path.is_empty() {
                required(errs, &p.child("path"), "");
            } else {
                validate_no_backsteps(&hp.path, &p.child("path"), errs);
                if let Some(t) = &hp.type_ {
                    const TYPES: [&str; 8] =
                        ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
                    if !TYPES.contains(&t.as_str()) {
                        not_supported(errs, &p.child("type"), t, &TYPES);
                    }
                }
            }
        }
    }
    if let Some(g) = &v.git_repo {
        if first_source(&mut n, path, "gitRepo", errs) {
            let p = path.child("gitRepo");
            if g.repository.is_empty() {
                required(errs, &p.child("repository"), "");
            }
            validate_local_descending_path(g.directory.as_deref().unwrap_or(""), &p.child("directory"), errs);
        }
    }
    if let Some(pd) = &v.gce_persistent_disk {
        if first_source(&mut n, path, "gcePersistentDisk", errs) {
            let p = path.child("persistentDisk");
            if pd.pd_name.is_empty() {
                required(errs, &p.child("pdName"), "");
            }
            validate_partition(pd.partition.unwrap_or(0), &p.child("partition"), errs);
        }
    }
    if let Some(ebs) = &v.aws_elastic_block_store {
        if first_source(&mut n, path, "awsElasticBlockStore", errs) {
            let p = path.child("awsElasticBlockStore");
            if ebs.volume_id.is_empty() {
                required(errs, &p.child("volumeID"), "");
            }
            validate_partition(ebs.partition.unwrap_or(0), &p.child("partition"), errs);
        }
    }
    if let Some(s) = &v.secret {
        if first_source(&mut n, path, "secret", errs) {
            let p = path.child("secret");
            if s.secret_name.as_deref().unwrap_or("").is_empty() {
                required(errs, &p.child("secretName"), "");
            }
            validate_file_mode(s.default_mode, &p.child("defaultMode"), errs);
            validate_items(s.items.as_deref().unwrap_or_default(), &p.child("items"), errs);
        }
    }
    if let Some(nfs) = &v.nfs {
        if first_source(&mut n, path, "nfs", errs) {
            let p = path.child("nfs");
            if nfs.server.is_empty() {
                required(errs, &p.child("server"), "");
            }
            if nfs.path.is_empty() {
                required(errs, &p.child("path"), "");
            }
            if !nfs.path.starts_with('/') {
                invalid_str(errs, &p.child("path"), &nfs.path, "must be an absolute path");
            }
        }
    }
    if let Some(iscsi) = &v.iscsi {
        if first_source(&mut n, path, "iscsi", errs) {
            let p = path.child("iscsi");
            if iscsi.target_portal.is_empty() {
                required(errs, &p.child("targetPortal"), "");
            }
            if iscsi.iqn.is_empty() {
                required(errs, &p.child("iqn"), "");
            } else if !["iqn", "eui", "naa"].iter().any(|x| iscsi.iqn.starts_with(x)) {
                invalid_str(errs, &p.child("iqn"), &iscsi.iqn, "must be valid format starting with iqn, eui, or naa");
            }
            if !(0..=255).contains(&iscsi.lun) {
                invalid_int(errs, &p.child("lun"), i64::from(iscsi.lun), &inclusive_range(0, 255));
            }
            if (iscsi.chap_auth_discovery == Some(true) || iscsi.chap_auth_session == Some(true)) && iscsi.secret_ref.is_none() {
                required(errs, &p.child("secretRef"), "");
            }
            if let Some(initiator) = &iscsi.initiator_name {
                if !["iqn", "eui", "naa"].iter().any(|x| initiator.starts_with(x)) {
                    invalid_str(errs, &p.child("initiatorname"), initiator, "must be valid format starting with iqn, eui, or naa");
                }
            }
        }
        if iscsi.initiator_name.is_some() && v.name.len() + 1 + iscsi.target_portal.len() > 64 {
            invalid_str(
                errs,
                &path.child("name"),
                &v.name,
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
            );
        }
    }
    if let Some(g) = &v.glusterfs {
        if first_source(&mut n, path, "glusterfs", errs) {
            let p = path.child("glusterfs");
            if g.endpoints.is_empty() {
                required(errs, &p.child("endpoints"), "");
            }
            if g.path.is_empty() {
                required(errs, &p.child("path"), "");
            }
        }
    }
    if let Some(f) = &v.flocker {
        if first_source(&mut n, path, "flocker", errs) {
            let p = path.child("flocker");
            let name = f.dataset_name.as_deref().unwrap_or("");
            let uuid = f.dataset_uuid.as_deref().unwrap_or("");
            if name.is_empty() && uuid.is_empty() {
                required(errs, &p, "one of datasetName and datasetUUID is required");
            }
            if !name.is_empty() && !uuid.is_empty() {
                invalid_str(errs, &p, "resource", "datasetName and datasetUUID can not be specified simultaneously");
            }
            if name.contains('/') {
                invalid_str(errs, &p.child("datasetName"), name, "must not contain '/'");
            }
        }
    }
    if let Some(pvc) = &v.persistent_volume_claim {
        if first_source(&mut n, path, "persistentVolumeClaim", errs) && pvc.claim_name.is_empty() {
            required(errs, &path.child("persistentVolumeClaim").child("claimName"), "");
        }
    }
    if let Some(rbd) = &v.rbd {
        if first_source(&mut n, path, "rbd", errs) {
            let p = path.child("rbd");
            if rbd.monitors.is_empty() {
                required(errs, &p.child("monitors"), "");
            }
            if rbd.image.is_empty() {
                required(errs, &p.child("image"), "");
            }
        }
    }
    if let Some(c) = &v.cinder {
        if first_source(&mut n, path, "cinder", errs) {
            let p = path.child("cinder");
            if c.volume_id.is_empty() {
                required(errs, &p.child("volumeID"), "");
            }
            if c.secret_ref.as_ref().is_some_and(|s| s.name.is_empty()) {
                required(errs, &p.child("secretRef").child("name"), "");
            }
        }
    }
    if let Some(c) = &v.cephfs {
        if first_source(&mut n, path, "cephFS", errs) && c.monitors.is_empty() {
            required(errs, &path.child("cephfs").child("monitors"), "");
        }
    }
    if let Some(q) = &v.quobyte {
        if first_source(&mut n, path, "quobyte", errs) {
            validate_quobyte(q, &path.child("quobyte"), errs);
        }
    }
    if let Some(d) = &v.downward_api {
        if first_source(&mut n, path, "downwarAPI", errs) {
            let p = path.child("downwardAPI");
            validate_file_mode(d.default_mode, &p.child("defaultMode"), errs);
            for file in d.items.iter().flatten() {
                validate_downward_api_file(file, &p, errs);
            }
        }
    }
    if let Some(fc) = &v.fc {
        if first_source(&mut n, path, "fc", errs) {
            validate_fc(fc, &path.child("fc"), errs);
        }
    }
    if let Some(flex) = &v.flex_volume {
        if first_source(&mut n, path, "flexVolume", errs) {
            let p = path.child("flexVolume");
            if flex.driver.is_empty() {
                required(errs, &p.child("driver"), "");
            }
            for k in flex.options.iter().flatten().map(|(k, _)| k) {
                let namespace = match k.split_once('/') {
                    Some((ns, _)) => ns,
                    None => k.as_str(),
                };
                let normalized = format!(".{}", go_lower(namespace));
                if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
                    invalid_str(errs, &p.child("options").key(k), k, "kubernetes.io and k8s.io namespaces are reserved");
                }
            }
        }
    }
    if let Some(cm) = &v.config_map {
        if first_source(&mut n, path, "configMap", errs) {
            let p = path.child("configMap");
            if cm.name.is_empty() {
                required(errs, &p.child("name"), "");
            }
            validate_file_mode(cm.default_mode, &p.child("defaultMode"), errs);
            validate_items(cm.items.as_deref().unwrap_or_default(), &p.child("items"), errs);
        }
    }
    if let Some(af) = &v.azure_file {
        if first_source(&mut n, path, "azureFile", errs) {
            let p = path.child("azureFile");
            if af.secret_name.is_empty() {
                required(errs, &p.child("secretName"), "");
            }
            if af.share_name.is_empty() {
                required(errs, &p.child("shareName"), "");
            }
        }
    }
    if let Some(vs) = &v.vsphere_volume {
        if first_source(&mut n, path, "vsphereVolume", errs) && vs.volume_path.is_empty() {
            required(errs, &path.child("vsphereVolume").child("volumePath"), "");
        }
    }
    if let Some(ph) = &v.photon_persistent_disk {
        if first_source(&mut n, path, "photonPersistentDisk", errs) && ph.pd_id.is_empty() {
            required(errs, &path.child("photonPersistentDisk").child("pdID"), "");
        }
    }
    if let Some(px) = &v.portworx_volume {
        if first_source(&mut n, path, "portworxVolume", errs) && px.volume_id.is_empty() {
            required(errs, &path.child("portworxVolume").child("volumeID"), "");
        }
    }
    if let Some(ad) = &v.azure_disk {
        if first_source(&mut n, path, "azureDisk", errs) {
            validate_azure_disk(ad, &path.child("azureDisk"), errs);
        }
    }
    if let Some(so) = &v.storageos {
        if first_source(&mut n, path, "storageos", errs) {
            let p = path.child("storageos");
            let name = so.volume_name.as_deref().unwrap_or("");
            if name.is_empty() {
                required(errs, &p.child("volumeName"), "");
            } else {
                for msg in dns1123_label(name, minor) {
                    invalid_str(errs, &p.child("volumeName"), name, &msg);
                }
            }
            let ns = so.volume_namespace.as_deref().unwrap_or("");
            if !ns.is_empty() {
                for msg in dns1123_label(ns, minor) {
                    invalid_str(errs, &p.child("volumeNamespace"), ns, &msg);
                }
            }
            if so.secret_ref.as_ref().is_some_and(|s| s.name.is_empty()) {
                required(errs, &p.child("secretRef").child("name"), "");
            }
        }
    }
    if let Some(pr) = &v.projected {
        if first_source(&mut n, path, "projected", errs) {
            let p = path.child("projected");
            validate_file_mode(pr.default_mode, &p.child("defaultMode"), errs);
            validate_projection_sources(pr.sources.as_deref().unwrap_or_default(), &p, errs);
        }
    }
    if let Some(sio) = &v.scale_io {
        if first_source(&mut n, path, "scaleIO", errs) {
            let p = path.child("scaleIO");
            if sio.gateway.is_empty() {
                required(errs, &p.child("gateway"), "");
            }
            if sio.system.is_empty() {
                required(errs, &p.child("system"), "");
            }
            if sio.volume_name.as_deref().unwrap_or("").is_empty() {
                required(errs, &p.child("volumeName"), "");
            }
        }
    }
    if let Some(csi) = &v.csi {
        if first_source(&mut n, path, "csi", errs) {
            validate_csi(csi, &path.child("csi"), errs);
        }
    }
    if let Some(eph) = &v.ephemeral {
        if first_source(&mut n, path, "ephemeral", errs) {
            let p = path.child("ephemeral");
            match &eph.volume_claim_template {
                None => required(errs, &p.child("volumeClaimTemplate"), ""),
                Some(t) => validate_pvc_template(t, &p.child("volumeClaimTemplate"), minor, errs),
            }
            if let Some(pod) = pod_name {
                if !v.name.is_empty() {
                    let pvc = format!("{pod}-{}", v.name);
                    for msg in name_is_dns_subdomain(&pvc, false) {
                        invalid_str(errs, &p.child("name"), &v.name, &format!("PVC name {}: {msg}", crate::diag::go_quote(&pvc)));
                    }
                }
            }
        }
    }
    if let Some(img) = &v.image {
        if first_source(&mut n, path, "image", errs) {
            let p = path.child("image").child("pullPolicy");
            match img.pull_policy.as_deref().unwrap_or("") {
                "Always" | "IfNotPresent" | "Never" => {}
                "" => required(errs, &p, ""),
                other => not_supported(errs, &p, other, &["Always", "IfNotPresent", "Never"]),
            }
        }
    }
    if n == 0 {
        required(errs, path, "must specify a volume type");
    }
}

pub(super) fn validate_partition(partition: i32, path: &Path, errs: &mut Errs) {
    if !(0..=255).contains(&partition) {
        invalid_int(errs, path, i64::from(partition), &inclusive_range(1, 255));
    }
}

/// `validateKeyToPath` for each item.
pub(super) fn validate_items(items: &[KeyToPath], path: &Path, errs: &mut Errs) {
    for (i, kp) in items.iter().enumerate() {
        validate_key_to_path(kp, &path.index(i), errs);
    }
}

pub(super) fn validate_key_to_path(kp: &KeyToPath, path: &Path, errs: &mut Errs) {
    if kp.key.is_empty() {
        required(errs, &path.child("key"), "");
    }
    if kp.path.is_empty() {
        required(errs, &path.child("path"), "");
    }
    validate_local_non_reserved_path(&kp.path, &path.child("path"), errs);
    validate_file_mode(kp.mode, &path.child("mode"), errs);
}

/// `validateDownwardAPIVolumeFile`. `path` is the downwardAPI path: the server does not index
/// the items. The selectors' contents are not mirrored.
pub(super) fn validate_downward_api_file(file: &DownwardAPIVolumeFile, path: &Path, errs: &mut Errs) {
    if file.path.is_empty() {
        required(errs, &path.child("path"), "");
    }
    validate_local_non_reserved_path(&file.path, &path.child("path"), errs);
    match (&file.field_ref, &file.resource_field_ref) {
        (Some(_), Some(_)) => invalid_str(errs, path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"),
        (None, None) => required(errs, path, "one of fieldRef and resourceFieldRef is required"),
        _ => {}
    }
    validate_file_mode(file.mode, &path.child("mode"), errs);
}

/// `validateQuobyteVolumeSource`.
pub(super) fn validate_quobyte(q: &k8s_openapi::api::core::v1::QuobyteVolumeSource, path: &Path, errs: &mut Errs) {
    const MSG: &str = "must be a host:port pair or multiple pairs separated by commas";
    if q.registry.is_empty() {
        required(errs, &path.child("registry"), MSG);
    } else if q.tenant.as_deref().unwrap_or("").len() >= 65 {
        required(errs, &path.child("tenant"), "must be a UUID and may not exceed a length of 64 characters");
    } else {
        for pair in q.registry.split(',') {
            if !split_host_port_ok(pair) {
                invalid_str(errs, &path.child("registry"), &q.registry, MSG);
            }
        }
    }
    if q.volume.is_empty() {
        required(errs, &path.child("volume"), "");
    }
}

/// Whether Go's `net.SplitHostPort` accepts the string.
pub(super) fn split_host_port_ok(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        let Some(end) = rest.find(']') else { return false };
        let host = &rest[..end];
        let after = &rest[end + 1..];
        return after.starts_with(':') && !after[1..].contains([':', '[', ']']) && !host.contains(['[', ']']);
    }
    match s.rfind(':') {
        Some(i) => {
            let host = &s[..i];
            !host.contains(':') && !host.contains(['[', ']']) && !s[i + 1..].contains(['[', ']'])
        }
        None => false,
    }
}

/// `validateFCVolumeSource`.
pub(super) fn validate_fc(fc: &k8s_openapi::api::core::v1::FCVolumeSource, path: &Path, errs: &mut Errs) {
    let wwns = fc.target_wwns.as_deref().unwrap_or_default();
    let wwids = fc.wwids.as_deref().unwrap_or_default();
    if wwns.is_empty() && wwids.is_empty() {
        required(errs, &path.child("targetWWNs"), "must specify either targetWWNs or wwids, but not both");
    }
    if !wwns.is_empty() && !wwids.is_empty() {
        invalid_raw(errs, &path.child("targetWWNs"), json_strings(wwns), "targetWWNs and wwids can not be specified simultaneously");
    }
    if !wwns.is_empty() {
        match fc.lun {
            None => required(errs, &path.child("lun"), "lun is required if targetWWNs is specified"),
            Some(lun) if !(0..=255).contains(&lun) => invalid_int(errs, &path.child("lun"), i64::from(lun), &inclusive_range(0, 255)),
            Some(_) => {}
        }
    }
}

/// `validateAzureDisk`.
pub(super) fn validate_azure_disk(ad: &k8s_openapi::api::core::v1::AzureDiskVolumeSource, path: &Path, errs: &mut Errs) {
    if ad.disk_name.is_empty() {
        required(errs, &path.child("diskName"), "");
    }
    if ad.disk_uri.is_empty() {
        required(errs, &path.child("diskURI"), "");
    }
    if let Some(mode) = &ad.caching_mode {
        const MODES: [&str; 3] = ["None", "ReadOnly", "ReadWrite"];
        if !MODES.contains(&mode.as_str()) {
            not_supported(errs, &path.child("cachingMode"), mode, &MODES);
        }
    }
    if let Some(kind) = &ad.kind {
        const KINDS: [&str; 3] = ["Dedicated", "Managed", "Shared"];
        if !KINDS.contains(&kind.as_str()) {
            not_supported(errs, &path.child("kind"), kind, &KINDS);
        }
        if kind == "Managed" && !ad.disk_uri.starts_with("/subscriptions/") {
            not_supported(
                errs,
                &path.child("diskURI"),
                &ad.disk_uri,
                &["/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"],
            );
        }
        if kind != "Managed" && !ad.disk_uri.starts_with("https://") {
            not_supported(
                errs,
                &path.child("diskURI"),
                &ad.disk_uri,
                &["https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"],
            );
        }
    }
}

/// `validateCSIVolumeSource` with `ValidateCSIDriverName`.
pub(super) fn validate_csi(csi: &k8s_openapi::api::core::v1::CSIVolumeSource, path: &Path, errs: &mut Errs) {
    let driver_path = path.child("driver");
    if csi.driver.is_empty() {
        required(errs, &driver_path, "");
    } else {
        if csi.driver.len() > 63 {
            too_long(errs, &driver_path, 63);
        }
        for msg in dns1123_subdomain(&go_lower(&csi.driver)) {
            invalid_str(errs, &driver_path, &csi.driver, &msg);
        }
    }
    if let Some(secret) = &csi.node_publish_secret_ref {
        if secret.name.is_empty() {
            required(errs, &path.child("nodePublishSecretRef").child("name"), "");
        } else {
            for msg in name_is_dns_subdomain(&secret.name, false) {
                invalid_str(errs, &path.child("name"), &secret.name, &msg);
            }
        }
    }
}

/// `ValidatePersistentVolumeClaimTemplate`, partly: template labels and annotations, then the
/// claim spec's access modes, storage request, class name and volume mode.
pub(super) fn validate_pvc_template(
    t: &k8s_openapi::api::core::v1::PersistentVolumeClaimTemplate,
    path: &Path,
    minor: u32,
    errs: &mut Errs,
) {
    if let Some(meta) = &t.metadata {
        validate_annotations(meta.annotations.as_ref(), &path.child("metadata").child("annotations"), minor, errs);
        validate_labels(meta.labels.as_ref(), &path.child("metadata").child("labels"), minor, errs);
    }
    let spec = &t.spec;
    let p = path.child("spec");
    let modes = spec.access_modes.as_deref().unwrap_or_default();
    if modes.is_empty() {
        required(errs, &p.child("accessModes"), "at least 1 access mode is required");
    }
    const MODES: [&str; 4] = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    let (mut rwop, mut other) = (false, false);
    for mode in modes {
        if !MODES.contains(&mode.as_str()) {
            not_supported(errs, &p.child("accessModes"), mode, &MODES);
        }
        if mode == "ReadWriteOncePod" {
            rwop = true;
        } else if MODES.contains(&mode.as_str()) {
            other = true;
        }
    }
    if rwop && other {
        forbidden(errs, &p.child("accessModes"), "may not use ReadWriteOncePod with other access modes");
    }
    let storage_path = p.child("resources").key("storage");
    match spec.resources.as_ref().and_then(|r| r.requests.as_ref()).and_then(|r| r.get("storage")) {
        None => required(errs, &storage_path, ""),
        Some(q) => {
            if matches!(quantity_sign(&q.0), Some(Ordering::Less | Ordering::Equal)) {
                invalid_str(errs, &storage_path, &q.0, POSITIVE_MSG);
            }
        }
    }
    if let Some(class) = spec.storage_class_name.as_deref().filter(|c| !c.is_empty()) {
        for msg in name_is_dns_subdomain(class, false) {
            invalid_str(errs, &p.child("storageClassName"), class, &msg);
        }
    }
    if let Some(mode) = &spec.volume_mode {
        if mode != "Block" && mode != "Filesystem" {
            not_supported(errs, &p.child("volumeMode"), mode, &["Block", "Filesystem"]);
        }
    }
}

/// `validateProjectionSources`. `path` is `spec.volumes[i].projected`.
pub(super) fn validate_projection_sources(sources: &[VolumeProjection], path: &Path, errs: &mut Errs) {
    let mut all_paths: HashSet<String> = HashSet::new();
    const DUP: &str = "conflicting duplicate paths";
    for (i, source) in sources.iter().enumerate() {
        let mut n = 0;
        let src_path = path.child("sources").index(i);
        if let Some(s) = &source.secret {
            n += 1;
            let p = src_path.child("secret");
            if s.name.is_empty() {
                required(errs, &p.child("name"), "");
            }
            for (j, kp) in s.items.iter().flatten().enumerate() {
                validate_key_to_path(kp, &p.child("items").index(j), errs);
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    invalid_str(errs, path, &s.name, DUP);
                }
            }
        }
        if let Some(cm) = &source.config_map {
            n += 1;
            let p = src_path.child("configMap");
            if cm.name.is_empty() {
                required(errs, &p.child("name"), "");
            }
            for (j, kp) in cm.items.iter().flatten().enumerate() {
                validate_key_to_path(kp, &p.child("items").index(j), errs);
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    invalid_str(errs, path, &cm.name, DUP);
                }
            }
        }
        if let Some(d) = &source.downward_api {
            n += 1;
            let p = src_path.child("downwardAPI");
            for file in d.items.iter().flatten() {
                validate_downward_api_file(file, &p, errs);
                if !file.path.is_empty() && !all_paths.insert(file.path.clone()) {
                    invalid_str(errs, path, &file.path, DUP);
                }
            }
        }
        if let Some(sat) = &source.service_account_token {
            n += 1;
            let p = src_path.child("serviceAccountToken");
            let exp = sat.expiration_seconds.unwrap_or(0);
            if exp < 10 * 60 {
                invalid_int(errs, &p.child("expirationSeconds"), exp, "may not specify a duration less than 10 minutes");
            }
            if exp > 1 << 32 {
                invalid_int(errs, &p.child("expirationSeconds"), exp, "may not specify a duration larger than 2^32 seconds");
            }
            if sat.path.is_empty() {
                // The server reports it at the projected volume's path, not the source's.
                required(errs, &path.child("path"), "");
            }
        }
        if let Some(ctb) = &source.cluster_trust_bundle {
            n += 1;
            let p = src_path.child("clusterTrustBundle");
            match (&ctb.name, &ctb.signer_name) {
                (Some(_), Some(_)) => {} // Invalid with the internal struct as value: not mirrored.
                (Some(name), None) => {
                    if name.is_empty() {
                        required(errs, &p.child("name"), "must be a valid object name");
                    }
                }
                (None, Some(signer)) => {
                    if signer.is_empty() {
                        required(errs, &p.child("signerName"), "must be a valid signer name");
                    }
                }
                (None, None) => required(errs, &p, "either name or signerName must be specified"),
            }
            if ctb.path.is_empty() {
                required(errs, &p.child("path"), "");
            }
            validate_local_non_reserved_path(&ctb.path, &p.child("path"), errs);
            if !all_paths.insert(ctb.path.clone()) {
                invalid_str(errs, path, &ctb.path, DUP);
            }
        }
        if let Some(pc) = &source.pod_certificate {
            n += 1;
            let p = src_path.child("podCertificate");
            const KEY_TYPES: [&str; 6] = ["RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519"];
            if !KEY_TYPES.contains(&pc.key_type.as_str()) {
                not_supported(errs, &p.child("keyType"), &pc.key_type, &KEY_TYPES);
            }
            if let Some(max) = pc.max_expiration_seconds {
                if max < 3600 {
                    invalid_int(
                        errs,
                        &p.child("maxExpirationSeconds"),
                        i64::from(max),
                        "if provided, maxExpirationSeconds must be >= 3600",
                    );
                }
            }
            let mut paths = 0;
            for (field, value) in [
                ("credentialBundlePath", &pc.credential_bundle_path),
                ("keyPath", &pc.key_path),
                ("certificateChainPath", &pc.certificate_chain_path),
            ] {
                let value = value.as_deref().unwrap_or("");
                if value.is_empty() {
                    continue;
                }
                paths += 1;
                validate_local_non_reserved_path(value, &p.child(field), errs);
                if !all_paths.insert(value.to_owned()) {
                    invalid_str(errs, path, value, DUP);
                }
            }
            if paths == 0 {
                required(errs, &p, "specify at least one of credentialBundlePath, keyPath, and certificateChainPath");
            }
        }
        if n > 1 {
            forbidden(errs, &src_path, "may not specify more than 1 volume type per source");
        }
    }
}

/// `validatePodResourceClaims`. `path` is `spec.resourceClaims`.
pub(super) fn validate_pod_resource_claims(spec: &PodSpec, meta: Option<&ObjectMeta>, path: &Path, minor: u32, errs: &mut Errs) {
    let is_static = meta.and_then(|m| m.annotations.as_ref()).is_some_and(|a| a.contains_key(MIRROR_POD_ANNOTATION));
    let mut names: HashSet<&str> = HashSet::new();
    for (i, claim) in spec.resource_claims.iter().flatten().enumerate() {
        if is_static {
            forbidden(errs, &Path::empty(), "static pods do not support resource claims");
            continue;
        }
        let p = path.index(i);
        if claim.name.is_empty() {
            required(errs, &p.child("name"), "");
        } else if names.contains(claim.name.as_str()) {
            push(errs, CODE, ErrorType::Duplicate, &p.child("name"), BadValue::str(&claim.name), "");
        } else {
            for msg in dns1123_label(&claim.name, minor) {
                invalid_str(errs, &p.child("name"), &claim.name, &msg);
            }
            names.insert(claim.name.as_str());
        }
        let json = || {
            format!(
                "{{\"Name\":{},\"ResourceClaimName\":{},\"ResourceClaimTemplateName\":{}}}",
                serde_json::Value::from(claim.name.as_str()),
                json_opt(claim.resource_claim_name.as_deref()),
                json_opt(claim.resource_claim_template_name.as_deref())
            )
        };
        match (&claim.resource_claim_name, &claim.resource_claim_template_name) {
            (Some(_), Some(_)) => {
                invalid_raw(errs, &p, json(), "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified")
            }
            (None, None) => invalid_raw(errs, &p, json(), "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"),
            _ => {}
        }
        for (field, value) in
            [("resourceClaimName", &claim.resource_claim_name), ("resourceClaimTemplateName", &claim.resource_claim_template_name)]
        {
            if let Some(value) = value {
                for msg in name_is_dns_subdomain(value, false) {
                    invalid_str(errs, &p.child(field), value, &msg);
                }
            }
        }
    }
}
