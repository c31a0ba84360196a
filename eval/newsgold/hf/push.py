"""Upload an export to the Hugging Face Hub as a dataset repository, and tag the commit.

One push is: check the repo id (``huggingface_hub.utils.validate_repo_id``) and the token; export;
create the repo if needed; refuse when the version tag already exists (a tag names one state of the
data); ``upload_folder`` with ``delete_patterns=["*"]`` so the repository afterwards holds exactly the
export (files of an earlier export that this one no longer has are deleted in the same commit;
``.gitattributes`` is kept by the Hub client); ``create_tag`` on that commit, ``v<package version>``
by default, so users can pin ``revision=``.

The token comes from ``huggingface_hub.get_token()`` (``HF_TOKEN`` or an earlier
``huggingface-cli login``) and is handed to ``HfApi`` only: it is never printed, logged or written
into the export. Every failure the Hub client can raise (no network, offline mode, HTTP errors)
becomes a :class:`PushError` with one line of text, so the command exits 2 without a traceback.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newsgold.hf import DEFAULT_SPLITS, SplitSource
from newsgold.hf.export import DEFAULT_GUIDELINES, ExportResult, export, list_files
from newsgold.version import __version__

NO_TOKEN = "newsgold push-hf: no Hugging Face token: set HF_TOKEN or run huggingface-cli login"
DELETE_PATTERNS = ["*"]
"""Remote files matching these and absent from the export are deleted in the upload commit."""
DEFAULT_TAG = f"v{__version__}"


class PushError(Exception):
    """A push that cannot go on; ``str(e)`` is the one line to show the user."""


@dataclass
class PushResult:
    repo_id: str
    files: list[tuple[str, int]]
    uploaded: bool
    url: str | None = None
    tag: str | None = None
    commit: str | None = None


def repo_id_problem(repo_id: str) -> str | None:
    """Why ``repo_id`` cannot be used (``None`` when it can): what ``validate_repo_id`` rejects,
    or no ``USER/`` namespace (the card's links and citation need it).

    >>> repo_id_problem("alice/newsgold") is None, repo_id_problem("alice/news--gold")[:20]
    (True, 'Cannot have -- or ..')
    """
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as e:
        return str(e)
    return None if repo_id.count("/") == 1 else "expected USER/NAME (the card's links need the namespace)"


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


def upload(folder: Path, repo_id: str, token: str, private: bool, tag: str) -> tuple[str, str | None]:
    """Create the dataset repo if needed, upload ``folder`` so the repo equals it, tag the commit;
    returns (repo URL, commit id)."""
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    step = "create the repository"
    try:
        url = api.create_repo(repo_id=repo_id, repo_type="dataset", private=private or None, exist_ok=True)
        step = "list its tags"
        tags = {ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").tags}
        if tag in tags:
            raise PushError(f"newsgold push-hf: {repo_id} already has the tag {tag!r}, which names an earlier "
                            "upload: nothing was uploaded; pass --tag NAME for this one")
        step = "upload"
        # only the files of the export (its manifest): never the manifest itself or a user's own files
        commit = api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                                   allow_patterns=[name for name, _ in list_files(folder)],
                                   commit_message=f"newsgold {__version__}: export of the gold set ({tag})",
                                   delete_patterns=DELETE_PATTERNS)
        oid = getattr(commit, "oid", None)
        step = f"tag the upload as {tag!r}"
        api.create_tag(repo_id, tag=tag, revision=oid, repo_type="dataset",
                       tag_message=f"newsgold {__version__} export")
    except _hub_errors() as e:
        raise PushError(f"newsgold push-hf: {repo_id}: could not {step}: {_one_line(e, token)}") from None
    return str(url), oid


def push(
    repo_id: str,
    private: bool = False,
    dry_run: bool = False,
    directory: str | Path | None = None,
    splits: Sequence[SplitSource] = DEFAULT_SPLITS,
    reports: Sequence[str | Path] = (),
    guidelines: str | Path | None = DEFAULT_GUIDELINES,
    tag: str = DEFAULT_TAG,
    out: TextIO | None = None,
) -> PushResult:
    """Export (to ``directory`` or a temporary folder) and upload, or with ``dry_run`` only list
    what would be uploaded. The repo id and the token are checked first, so a push that cannot
    happen fails before any work."""
    problem = repo_id_problem(repo_id)
    if problem:
        raise PushError(f"newsgold push-hf: invalid --repo-id {repo_id!r}: {problem}")
    if not tag.strip() or any(c.isspace() for c in tag):
        raise PushError(f"newsgold push-hf: invalid --tag {tag!r}: a tag name has no spaces")
    token = hub_token()
    if token is None and not dry_run:
        raise PushError(NO_TOKEN)
    with tempfile.TemporaryDirectory(prefix="newsgold-hf-") as tmp:
        folder = Path(directory) if directory is not None else Path(tmp) / "export"
        result: ExportResult = export(folder, splits, reports=reports, repo_id=repo_id, guidelines=guidelines,
                                      field="dir")
        files = list_files(result.out)
        _print_files(files, repo_id, tag, dry_run, out)
        if out is not None:
            for note in result.notes:  # what the ner config adapted, as export-hf reports it
                print(f"ner: {note}", file=out)
        if dry_run:
            if token is None and out is not None:
                print("note: no Hugging Face token found; a real push would stop here "
                      "(set HF_TOKEN or run huggingface-cli login)", file=out)
            return PushResult(repo_id, files, uploaded=False, tag=tag)
        assert token is not None
        url, commit = upload(result.out, repo_id, token, private, tag)
    if out is not None:
        print(f"uploaded {len(files)} files to {url} (files not in the export deleted), tagged {tag}: "
              f"load_dataset({repo_id!r}, revision={tag!r})", file=out)
    return PushResult(repo_id, files, uploaded=True, url=url, tag=tag, commit=commit)


def _print_files(files: list[tuple[str, int]], repo_id: str, tag: str, dry_run: bool, out: TextIO | None) -> None:
    if out is None:
        return
    total = sum(size for _, size in files)
    verb = "would upload" if dry_run else "uploading"
    print(f"{verb} {len(files)} files ({_size(total)}) to dataset {repo_id}, replacing its content, tag {tag}:",
          file=out)
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
