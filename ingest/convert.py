"""Converts legacy word-processor files (.doc, RTF) with LibreOffice, run headless in a child process.

Each conversion gets a fresh LibreOffice profile that forbids macros and blocks links to outside
content, runs without any network where the system allows a private network namespace (`unshare`),
and is killed, with every process it started, when it overruns its time limit.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from samarkiv.errors import ConverterUnavailable, CorruptInput, TooLarge

PACKAGE = "libreoffice-writer-nogui"

# Macros never run (the highest security level, and macro execution disabled outright) and
# documents may not pull in content from elsewhere.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""  # noqa: E501


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def _no_network_prefix() -> tuple[str, ...]:
    """A command prefix that runs a program in a network namespace of its own (no network at all),
    or nothing where the system allows none."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in ((unshare, "--net"), (unshare, "--user", "--map-root-user", "--net")):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    return ()


def convert(data: bytes, suffix: str, target: str, timeout: float) -> bytes:
    """The bytes of `data` (a file of type `suffix`, such as ".doc") converted by LibreOffice to
    `target` ("docx", "pdf"). Raises `ConverterUnavailable` when LibreOffice is not installed."""
    program = soffice()
    if program is None:
        raise ConverterUnavailable(f"reading this file needs LibreOffice, which is not installed "
                                   f"(Debian package {PACKAGE})")
    with tempfile.TemporaryDirectory(prefix="samarkiv-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
        out = folder / "out"
        command = [*_no_network_prefix(), program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                   "--convert-to", target, "--outdir", str(out), str(source)]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "LANG": "C.UTF-8",
               "TMPDIR": str(folder)}
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env=env, cwd=folder, start_new_session=True)
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise TooLarge(f"LibreOffice took more than {timeout:.0f} s to convert the document") from None
        except BaseException:
            _kill_group(process)
            raise
        converted = out / f"document.{target.split(':')[0]}"
        if process.returncode != 0 or not converted.is_file():
            said = " ".join(output.decode("utf-8", "replace").split())[-200:]
            raise CorruptInput(f"LibreOffice could not read the document{': ' + said if said else ''}")
        return converted.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
