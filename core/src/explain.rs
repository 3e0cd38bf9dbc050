//! Why a server rule exists and how to get past it, for the server's own errors (which
//! say only what is wrong). One short paragraph per rule code.

/// The help text for a server rule code, when there is one.
pub fn help_for(code: &str, field: &str) -> Option<&'static str> {
    let text = match code {
        "R-01" | "R-02" => "Container names are DNS labels: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit. kubectl debug uses names like debugger-x7k2p.",
        "R-03" => "Names are unique across containers, init containers and ephemeral containers, and an ephemeral container's name can never be reused in this pod, even after it exits. Pick a fresh name.",
        "R-04" => "Every container needs an image. For debugging, busybox:1.36, nicolaka/netshoot or a distro image with your tools.",
        "R-05" => "Remove the spaces around the image reference.",
        "R-06" => "terminationMessagePolicy is File or FallbackToLogsOnError; leave it out to get File.",
        "R-07" => "imagePullPolicy is Always, IfNotPresent or Never; leave it out and the server picks Always for :latest or an image with neither tag nor digest, and IfNotPresent otherwise.",
        "R-08" => "targetContainerName must name one of the pod's containers or init containers (never an ephemeral one); the debugger then shares that container's process namespace.",
        "R-09" => {
            if field.ends_with(".resources") || field.ends_with(".resizePolicy") {
                "Ephemeral containers get no resources of their own: what they use counts against the pod (a hungry debugger can get the app OOM-killed or the pod evicted), and they cannot be resized. Remove the field."
            } else if field.ends_with(".ports") {
                "Ephemeral containers cannot declare ports: they are not part of the pod's service. To reach a port, use `kubectl port-forward` to the app's port, or listen without declaring it."
            } else if field.ends_with(".restartPolicy") || field.ends_with(".restartPolicyRules") {
                "Ephemeral containers are never restarted: when the process exits, the container stays terminated. Remove the field."
            } else {
                "Ephemeral containers are for inspection, not for running the app: probes and lifecycle hooks are not allowed. Remove the field."
            }
        }
        "R-10" | "R-11" => "Ephemeral containers cannot mount with subPath or subPathExpr (the bind mounts would leak until the pod exits). Mount the whole volume and look inside it.",
        "R-12" => "A volume mount must name one of the pod's volumes (spec.volumes); ephemeral containers cannot add volumes.",
        "R-13" | "R-14" => "Each mountPath may be used once in a container, and not also as a device path.",
        "R-15" => "subPath must be a relative path inside the volume, without '..'.",
        "R-16" => "Bidirectional mount propagation needs a privileged container; use HostToContainer or None.",
        "R-17" => "recursiveReadOnly: Enabled or IfPossible needs readOnly: true and no propagation (or None).",
        "R-18" => "volumeDevices need a block-mode PersistentVolumeClaim or ephemeral volume of the pod, with a unique name and path.",
        "R-19" => "Environment variable names must be valid names (no '=').",
        "R-20" => "An env var has either a value or exactly one valueFrom source.",
        "R-21" => "Each envFrom entry has exactly one of configMapRef and secretRef.",
        "R-22" => "This cluster runs without --allow-privileged: privileged containers are refused. Drop privileged and add only the capabilities you need.",
        "R-23" | "R-24" | "R-25" | "R-26" | "R-27" | "R-28" => "The container's securityContext is not valid as written; the message says which field and why.",
        "R-29" => "In a Windows HostProcess pod, every container (ephemeral ones too) must be a HostProcess container, and the pod must use the host network.",
        "R-30" => "This is a Windows pod: Linux-only securityContext fields cannot be set.",
        "R-31" => "This is a Linux pod: windowsOptions cannot be set.",
        "R-32" => "The server re-validates the whole pod with every ephemeral container request, so a problem in the pod itself also fails the request.",
        "R-33" => "Ephemeral containers can never be removed. Send the existing ones back unchanged (a strategic merge patch or `kubectl debug` does this for you).",
        "R-34" => "Ephemeral containers can never be changed. Add a new one with a fresh name instead.",
        "R-37" => "Static pods (run by the kubelet from a file, mirrored in the API) do not support ephemeral containers. Debug from the node (`kubectl debug node/NAME`) or run a copy of the pod.",
        _ => return None,
    };
    Some(text)
}

/// The Kubernetes documentation page that explains a rule or hint.
pub fn doc_link(code: &str) -> &'static str {
    match code {
        "R-22" | "R-23" | "R-24" | "R-25" | "R-26" | "R-27" | "R-28" | "H-04" | "H-05" => {
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
        }
        "R-12" | "R-13" | "R-14" | "R-15" | "R-16" | "R-17" | "R-18" => "https://kubernetes.io/docs/concepts/storage/volumes/",
        "R-19" | "R-20" | "R-21" => "https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/",
        "R-37" => "https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/",
        "R-29" | "R-30" | "R-31" | "H-09" => "https://kubernetes.io/docs/concepts/windows/intro/",
        "H-01" | "H-03" => "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container",
        "H-06" => "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy",
        "D-01" | "D-02" | "D-03" | "D-04" => "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation",
        _ => "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/",
    }
}
