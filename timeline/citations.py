"""Cited quotes: check a source's or a curated figure's quote and find it in its document."""

from __future__ import annotations

from collections.abc import Container

from timeline.documents import Document
from timeline.errors import counted
from timeline.fields import Entry, Reader, did_you_mean
from timeline.model import Quote


def cited_quote(
    reader: Reader,
    entries: dict[str, Entry],
    documents: dict[str, Document],
    declared: Container[str],
    default_documents: tuple[str, ...] | None,
) -> Quote | None:
    """The ``quote:`` of ``entries`` located in its ``document:`` (required when there are no
    ``default_documents`` to look in), or None once the problem is reported.

    ``declared`` holds every document id of the project, loaded or not: a document that
    could not be read was reported already, and is not reported again as unknown.
    """
    quote = reader.text(entries, "quote", required=True)
    occurrence = reader.positive_int(entries, "occurrence")
    document_id = reader.text(entries, "document", required=default_documents is None)
    if document_id is not None:
        if document_id not in documents:
            if document_id not in declared:
                known = tuple(documents)
                reader.problem(
                    entries["document"].value,
                    f"unknown document "
                    f"'{document_id}':{did_you_mean(document_id, known)} "
                    f"Documents: {', '.join(known) or 'none'}",
                )
            return None
        candidates: tuple[str, ...] = (document_id,)
    else:
        candidates = default_documents or ()
    if quote is None or not candidates:
        return None
    quote_node = entries["quote"].value
    found = [(d, span) for d in candidates for span in documents[d].index.find_all(quote)]
    if not found:
        document = documents[candidates[0]]
        closest = document.index.closest(quote)
        where = (
            f"document '{document.id}'"
            if len(candidates) == 1
            else (f"the event's documents ({', '.join(candidates)})")
        )
        hint = f'; the closest passage is: "{closest}"' if closest else ""
        reader.problem(quote_node, f"quote not found in {where}{hint}")
        return None
    if len({d for d, _ in found}) > 1 and document_id is None:
        reader.problem(
            quote_node,
            "quote found in several documents "
            f"({', '.join(sorted({d for d, _ in found}))}): add 'document:'",
        )
        return None
    chosen_document = found[0][0]
    spans = [span for _, span in found]
    if occurrence is None:
        if len(spans) > 1:
            text = documents[chosen_document].text
            numbers = list(dict.fromkeys(str(text.count("\n", 0, s) + 1) for s, _ in spans))
            lines = f"line{'s' * (len(numbers) > 1)} {', '.join(numbers)}"
            reader.problem(
                quote_node,
                f"quote found {len(spans)} times in document "
                f"'{chosen_document}' ({lines}): add 'occurrence: N' "
                f"(1 to {len(spans)}) to say which, or quote a longer passage",
            )
            return None
        start, end = spans[0]
    elif occurrence > len(spans):
        reader.problem(
            entries["occurrence"].value,
            f"occurrence {occurrence} asked, but "
            f"the quote is found {counted(len(spans), 'time')} in "
            f"document '{chosen_document}': "
            + ("remove 'occurrence:'" if len(spans) == 1 else f"give 1 to {len(spans)}"),
        )
        return None
    else:
        start, end = spans[occurrence - 1]
    return Quote(chosen_document, quote, start, end, occurrence, reader.at(quote_node))
