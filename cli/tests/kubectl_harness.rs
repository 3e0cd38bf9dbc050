mod support;
use support::*;

#[test]
fn explore() {
    let (rec, k) = setup();
    let run = k.bash("kubectl debug web-0 -n default --image=busybox:1.36 --target=app -c dbg --profile=general; kubectl get pod web-0; kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{}'; ls -R cache home");
    eprintln!("{run}");
    for r in rec.requests() {
        eprintln!("  {r}\n     headers {:?}", r.headers);
    }
}
