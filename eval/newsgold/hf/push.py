"""Upload an export to the Hugging Face Hub as a dataset repository.

The token comes from ``huggingface_hub.get_token()`` (``HF_TOKEN`` or an earlier
``huggingface-cli login``) and is handed to ``HfApi`` only: it is never printed, logged or written
into the export. Every failure the Hub client can raise (no network, offline mode, HTTP errors,
an invalid repo id) becomes a :class:`PushError` with one line of text, so the command exits 2
without a traceback.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newsgold.hf.export import ExportResult, export, list_files
from newsgold.load import DEFAULT_ANNOTATIONS, DEFAULT_CORPUS
from newsgold.version import __version__

NO_TOKEN = "newsgold push-hf: no Hugging Face token: set HF_TOKEN or run huggingface-cli login"
REPO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")


class PushError(Exception):
    """A push that cannot go on; ``str(e)`` is the one line to show the user."""


@dataclass
class PushResult:
    repo_id: str
    files: list[tuple[str, int]]
    uploaded: bool
    url: str | None = None


def valid_repo_id(repo_id: str) -> bool:
    """``USER/NAME`` with the Hub's allowed characters (checked before any network access).

    >>> valid_repo_id("alice/newsgold"), valid_repo_id("newsgold"), valid_repo_id("a/b/c")
    (True, False, False)
    """
    return bool(REPO_ID.fullmatch(repo_id)) and ".." not in repo_id and not repo_id.endswith((".git", "."))


def hub_token() -> str | None:
    """The saved or environment token, or ``None``; a failing token lookup is a PushError."""
    import huggingface_hub

    try:
        return huggingface_hub.get_token() or None
    except Exception as e:  # e.g. OIDCError when HF_OIDC_RESOURCE is set but the exchange fails
        raise PushError(f"newsgold push-hf: could not get a Hugging Face token: {type(e).__name__}") from None


def _hub_errors() -> tuple[type[BaseException], ...]:
    """Exception types of the Hub client: HTTP/transport errors, OSError (HfHubHTTPError,
    OfflineModeIsEnabled, ConnectionError), ValueError (HFValidationError, BadRequestError)."""
    errors: list[type[BaseException]] = [OSError, ValueError]
    try:
        from huggingface_hub.errors import HTTPError  # httpx's (or httpx2's) base HTTP error

        errors.append(HTTPError)
    except ImportError:  # pragma: no cover - older huggingface_hub
        pass
    for mod in ("httpx", "requests"):
        try:
            errors.append(__import__(mod).HTTPError if mod == "httpx" else __import__(mod).RequestException)
        except (ImportError, AttributeError):
            pass
    return tuple(errors)


def _one_line(e: BaseException, token: str | None) -> str:
    """First line of an exception's text, with the token masked in case a library echoed it."""
    text = (str(e).strip().splitlines() or [""])[0]
    if token:
        text = text.replace(token, "***")
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def upload(folder: Path, repo_id: str, token: str, private: bool) -> str:
    """Create the dataset repo if needed and upload ``folder``; returns the repo URL."""
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    try:
        url = api.create_repo(repo_id=repo_id, repo_type="dataset", private=private or None, exist_ok=True)
        api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                          commit_message=f"newsgold {__version__}: export of the gold set")
    except _hub_errors() as e:
        raise PushError(f"newsgold push-hf: upload to {repo_id} failed: {_one_line(e, token)}") from None
    return str(url)


def push(
    repo_id: str,
    private: bool = False,
    dry_run: bool = False,
    directory: str | Path | None = None,
    corpus: str | Path = DEFAULT_CORPUS,
    annotations: str | Path = DEFAULT_ANNOTATIONS,
    report: str | Path | None = None,
    out: TextIO | None = None,
) -> PushResult:
    """Export (to ``directory`` or a temporary folder) and upload, or with ``dry_run`` only list
    what would be uploaded. The token is checked first, so a push without one fails before work."""
    if not valid_repo_id(repo_id):
        raise PushError(f"newsgold push-hf: invalid --repo-id {repo_id!r}: expected USER/NAME")
    token = hub_token()
    if token is None and not dry_run:
        raise PushError(NO_TOKEN)
    with tempfile.TemporaryDirectory(prefix="newsgold-hf-") as tmp:
        folder = Path(directory) if directory is not None else Path(tmp) / "export"
        result: ExportResult = export(folder, corpus, annotations, report=report, repo_id=repo_id)
        files = list_files(result.out)
        _print_files(files, repo_id, dry_run, out)
        if dry_run:
            if token is None and out is not None:
                print("note: no Hugging Face token found; a real push would stop here "
                      "(set HF_TOKEN or run huggingface-cli login)", file=out)
            return PushResult(repo_id, files, uploaded=False)
        assert token is not None
        url = upload(result.out, repo_id, token, private)
    if out is not None:
        print(f"uploaded {len(files)} files to {url}", file=out)
    return PushResult(repo_id, files, uploaded=True, url=url)


def _print_files(files: list[tuple[str, int]], repo_id: str, dry_run: bool, out: TextIO | None) -> None:
    if out is None:
        return
    total = sum(size for _, size in files)
    verb = "would upload" if dry_run else "uploading"
    print(f"{verb} {len(files)} files ({_size(total)}) to dataset {repo_id}:", file=out)
    width = max((len(name) for name, _ in files), default=0)
    for name, size in files:
        print(f"  {name:<{width}}  {_size(size):>9}", file=out)


def _size(n: int) -> str:
    """Human-readable size.

    >>> _size(512), _size(2048), _size(3 * 1024 * 1024)
    ('512 B', '2.0 KiB', '3.0 MiB')
    """
    value: float = n
    for unit in ("B", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"  # pragma: no cover

