"""Query text -> Whoosh query, keeping the user's words apart for coordination.

Whoosh's syntax stays usable ("phrases", AND, OR, NOT, field:value,
wildcards). Plain words are OR-ed so that a missing word never empties the
result; `ParsedQuery.clauses` keeps one query per word so the ranker can put
articles that contain every word first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from itertools import islice, permutations

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, OrGroup

from newssearch.analysis.homographs import forms_read_otherwise, lemmas_also_meant
from newssearch.analysis.lemmatize import has_cyrillic
from newssearch.analysis.normalize import normalize
from newssearch.analysis.stopwords import bulgarian_stopwords
from newssearch.analysis.tokenizer import iter_words
from newssearch.errors import QueryError
from newssearch.index.stats import UNDATED
from newssearch.index.term_map import Entry
from newssearch.search.operators import minus_as_not, without_dangling_operators
from newssearch.search.ranking import Group, Proximity, WordKey, WordPlan

SEARCH_FIELDS = ("title", "body", "lead", "exact", "prefix", "short_prefix")
# Chosen on the dev set (bench/relevance.py); title is unmeasured there (its articles have no headline field).
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "lead": 0.3, "exact": 0.5, "prefix": 1.0, "short_prefix": 1.0}
# Words cut to their first letters, which also join words derived from one another
# (Америка, американски): five letters for a few keywords, four for more words, where
# each word weighs less and a looser match adds more than it misleads (dev set).
COARSE_FIELDS = ("prefix", "short_prefix")
UNPOSITIONED_FIELDS = ("lead", "exact", *COARSE_FIELDS)
LEMMA_FIELDS = ("title", "body", "lead", "headline")  # their terms are what highlighting looks for
# A query is words to look for, not a document: past this many words (a pasted
# paragraph) the search only gets slower and no better. Headlines have under 40.
MAX_QUERY_WORDS = 50
PROXIMITY_SLOP = 3
PROXIMITY_BOOST = 0.5
# A few keywords (at most FEW_WORDS) also earn a smaller bonus for standing
# within NEARBY_SLOP words of each other in either order: typed from a headline,
# they are found together in the opening that retells it. A headline's own words
# are long enough to be checked in the order typed only.
FEW_WORDS = 3
NEARBY_SLOP = 40
NEARBY_BOOST = 0.3
# In a query of more words than FEW_WORDS (a pasted headline), a word weighs by
# how little it is used in Bulgarian at large as well as in the archive: each of
# its terms' weights is multiplied by ((ZIPF_CEILING - zipf) / ZIPF_CEILING) ** COMMONNESS_POWER.
# Zipf 9 would be a word that is every word of a text, so 9 - zipf is what seeing
# the word tells, in powers of ten; a word wordfreq does not list keeps its weight.
# A few keywords are the user's telling words already (dev set, power .5: headline
# .896 -> .901; with keywords too, they lost .001).
ZIPF_CEILING = 9.0
COMMONNESS_POWER = 0.5
DATE_HELP = "write date:YYYY, date:YYYY-MM or date:YYYY-MM-DD"


@dataclass(frozen=True)
class ParsedQuery:
    query: wq.Query
    clauses: tuple[wq.Query, ...]  # one per top-level word or phrase; empty when coordination does not apply
    # Each clause's word as the query has it (normalised; a phrase's lemmas in quotes), to say which an article lacks.
    words: tuple[str, ...] = ()


# A ? that ends a word: "Идва ли краят на света?" asks a question; Whoosh would read
# света? as a pattern for a word of one more letter, and miss света itself.
_QUESTION_MARK = re.compile(r"(?<=[^\W_])\?+(?=$|[\s.,;:!)\]\"'»“”…])")
# A ? among other punctuation with no letter beside it ("Какво става ?!", "(?)").
_PUNCTUATION_WITH_QUESTION_MARK = re.compile(r"(?<!\S)[^\w\s]*\?[^\w\s]*(?!\S)")


# A comma, semicolon, slash or bar between two letters lists words (Рубио,Лавров; САЩ/ЕС), where a
# hyphen or a dot joins them (руско-украинската, petel.bg): the joined parts must stand together, the
# listed ones are words of their own. Between digits they are part of a number (1,5; 24/7).
_LISTING = re.compile(r"(?<=[^\W\d_])[,;/|]+(?=[^\W\d_])")
# A word and a colon before another word: a field (title:среща), or a pasted headline's
# colon that lost its space (Рубио:Лавров, CNN:Тръмп), which Whoosh would read as a phrase.
_COLON_AFTER_WORD = re.compile(r"(?<![\w:])([^\W\d_]+):(?=[^\W\d_])")


def punctuation_as_prose(text: str, fields: Collection[str]) -> str:
    """The query with its punctuation read as in prose, not as syntax: question marks that end a
    word or stand among punctuation are dropped (? inside a word stays a one-letter wildcard),
    words listed with a comma, semicolon, slash or bar are separate words, and so are words
    joined by a colon where the first is none of `fields` (in any case). A minus before a word
    excludes it, and operators that join nothing are dropped (see search.operators)."""
    text = without_dangling_operators(minus_as_not(_QUESTION_MARK.sub("", text)))
    text = _PUNCTUATION_WITH_QUESTION_MARK.sub(lambda match: match.group().replace("?", ""), text)
    text = _COLON_AFTER_WORD.sub(lambda match: _field_or_words(match.group(1), fields), text)
    return _LISTING.sub(" ", text)


def _field_or_words(word: str, fields: Collection[str]) -> str:
    """A field name and its colon, in the case Whoosh knows it by (TITLE:, Title: -> title:); or the word, spaced."""
    return word.lower() + ":" if word.lower() in fields else word + " "


def limit_words(text: str) -> tuple[str, tuple[str, ...]]:
    """The query cut after its MAX_QUERY_WORDS-th word, and a note when it was cut."""
    words = list(islice(iter_words(text), MAX_QUERY_WORDS + 1))
    if len(words) <= MAX_QUERY_WORDS:
        return text, ()
    return text[: words[MAX_QUERY_WORDS - 1].end()], (f"the query was cut to its first {MAX_QUERY_WORDS} words",)


def stop_words_note(text: str) -> tuple[str, ...]:
    """A note for a query of stop words only, which looks for nothing: "no articles match и на"
    alone would say the archive lacks them."""
    words = list(dict.fromkeys(normalize(word.group()) for word in iter_words(text)))
    if words and all(word in bulgarian_stopwords() for word in words):
        return (f"{', '.join(words)}: too common to be indexed; add a word that tells what you look for",)
    return ()


def parse_query(text: str, schema: Schema, lookup: Callable[[str], Entry | None] | None = None) -> ParsedQuery:
    """`lookup` finds a word's line in the index's term map (how common the word and its term are)."""
    parser = MultifieldParser(list(SEARCH_FIELDS), schema, fieldboosts=FIELD_BOOSTS, group=OrGroup)
    # title:word asks for the headline as shown, which only the headline field holds for every article.
    parser.add_plugin(FieldAliasPlugin({"headline": ["title"]}))
    try:
        tree = parser.parse(text, normalize=False)
    except Exception:
        # Whoosh's parser fails on some operator soups (" NOT AND "): search the words as typed.
        tree = parser.parse(" ".join(f'"{word.group()}"' for word in iter_words(text)), normalize=False)
    _check_dates(tree, schema)
    tree = tree.accept(_phrases_where_positions_are_kept)
    if not isinstance(tree, wq.Or):
        return ParsedQuery(tree.normalize(), ())
    positives: list[wq.Query] = []
    negatives: list[wq.Query] = []
    for child in tree.subqueries:
        if isinstance(child, wq.Not):
            negatives.append(child.query.normalize())
        else:
            child = child.normalize()
            if child is not wq.NullQuery and child not in positives:
                positives.append(child)
    # date:... narrows the search rather than adding a word to look for.
    dates = [clause for clause in positives if all(leaf.field() == "date" for leaf in clause.leaves())]
    positives = [clause for clause in positives if clause not in dates]
    if not positives and not dates:
        return ParsedQuery(wq.NullQuery, ())
    unused = _unused_coarse(positives)
    positives = [clause for clause in (_without_fields(c, unused) for c in positives) if clause is not wq.NullQuery]
    if lookup is not None:
        positives = [_with_other_readings(clause, lookup) for clause in positives]
    if lookup is not None and len(positives) > FEW_WORDS:
        positives = [_weighed_by_commonness(clause, lookup) for clause in positives]
    words = [wq.Or(positives + _proximity_boosts(positives))] if positives else []
    combined: wq.Query = wq.And(words + dates).normalize()
    if negatives:
        combined = wq.AndNot(combined, wq.Or(negatives).normalize())
    # A word counts as present when its lemma or its exact form is: a shared
    # prefix alone (COARSE_FIELDS) adds score but does not make a match complete.
    # One word counts too: an article holding it ranks above one that shares only its first letters.
    clauses = tuple(_without_fields(clause, COARSE_FIELDS) for clause in positives)
    if not clauses:
        return ParsedQuery(combined, ())
    return ParsedQuery(combined, clauses, tuple(_searched_word(clause) for clause in clauses))


def _searched_word(clause: wq.Query) -> str:
    """The word a clause looks for, as its exact form (руско-украинската, лав*) or, for a
    phrase or a field's word (title:среща), which have none, its lemmas (a phrase's in
    quotes); the first of alternatives (Lavrov OR лавров)."""
    for node in _nodes(clause):
        parts = list(node.leaves()) if isinstance(node, wq.And) else [node]
        if all(part.field() == "exact" for part in parts):
            return "-".join(_pattern_text(part) for part in parts)
    phrase = next((node for node in _nodes(clause) if isinstance(node, wq.Phrase)), None)
    if phrase is not None:
        return f'"{" ".join(phrase.words)}"'
    return next((_pattern_text(leaf) for leaf in clause.leaves() if hasattr(leaf, "text")), "")


def _pattern_text(node: wq.Query) -> str:
    return f"{node.text}*" if isinstance(node, wq.Prefix) else getattr(node, "text", "")


def with_array_unions(parsed: ParsedQuery) -> ParsedQuery:
    """The query with its unions read as arrays: the same scores, faster on large archives.

    Whoosh matches an Or as a binary tree of matchers by default, a Python call
    per tree level for every matching article; its array form reads each posting
    list once into per-article scores. The choice is an attribute of each Or node
    that rewriting the query (`accept`) does not copy, so this is the last step
    before matching.
    """
    return replace(parsed, query=parsed.query.accept(_array_union), clauses=tuple(c.accept(_array_union) for c in parsed.clauses))


def word_plan(parsed: ParsedQuery) -> WordPlan | None:
    """The query as array scoring runs it, when it is words and phrases (with proximity pairs
    and date: ranges); None for anything else the syntax allows (NOT, wildcards, nested groups...)."""
    query, dates = parsed.query, []
    if isinstance(query, wq.And):
        ranges = [part for part in query.subqueries if isinstance(part, wq.NumericRange) and part.fieldname == "date"]
        rest = [part for part in query.subqueries if not any(part is r for r in ranges)]
        if len(rest) != 1 or not all(r.constantscore for r in ranges):
            return None
        query, dates = rest[0], [(*date_range_bounds(r), r.boost) for r in ranges]
    if isinstance(query, wq.Or) and (query.boost != 1 or query.minmatch or query.scale):
        return None
    nodes = query.subqueries if isinstance(query, wq.Or) else [query]
    in_clauses = [node for clause in parsed.clauses for node in _nodes(clause)]
    leaves = [(node.fieldname, node.text, node.boost) for node in nodes if type(node) is wq.Term]
    body_terms = {text for fieldname, text, _ in leaves if fieldname == "body"}
    proximity: list[Proximity] = []
    group_nodes: list[wq.Query] = []
    groups: list[Group] = []
    for node in nodes:
        if type(node) is wq.Term:
            continue
        group = _group(node)
        if _is_proximity(node, body_terms) and node not in in_clauses:
            proximity.append(Proximity(node.words[0], node.words[1], node.slop, node.boost))
        elif group is not None:
            group_nodes.append(node)
            groups.append(group)
        else:
            return None
    if not leaves and not groups:
        return None
    words = []
    for clause in parsed.clauses:
        keys: set[WordKey] = set()
        for node in _nodes(clause):
            if type(node) is wq.Term:
                keys.add((node.fieldname, node.text))
            elif node in group_nodes:
                keys.add(group_nodes.index(node))
            else:
                return None
        words.append(frozenset(keys))
    return WordPlan(tuple(leaves), tuple(words), tuple(proximity), tuple(dates), tuple(groups))


def _nodes(clause: wq.Query) -> list[wq.Query]:
    return list(clause.subqueries) if isinstance(clause, wq.Or) else [clause]


def _is_proximity(node: wq.Query, body_terms: set[str]) -> bool:
    """A phrase of two body words the query also looks for alone only adds a bonus where
    they stand close: ranking confirms it for the articles it reads (Proximity)."""
    return type(node) is wq.Phrase and node.fieldname == "body" and len(node.words) == 2 and set(node.words) <= body_terms


def _group(node: wq.Query) -> Group | None:
    """A phrase, or an AND of terms (a hyphenated word where positions are not kept), as a Group."""
    if type(node) is wq.Phrase and len(node.words) > 1:
        return Group(tuple((node.fieldname, word, 1.0) for word in node.words), slop=node.slop, boost=node.boost)
    if type(node) is wq.And and node.boost == 1 and all(type(part) is wq.Term for part in node.subqueries):
        return Group(tuple((part.fieldname, part.text, part.boost) for part in node.subqueries))
    return None


def date_range_bounds(query: wq.NumericRange) -> tuple[int, int]:
    """A range query's inclusive bounds in the date column's raw numbers."""
    start = 0 if query.start is None else query.start + bool(query.startexcl)
    end = UNDATED - 1 if query.end is None else query.end - bool(query.endexcl)
    return start, end


def _array_union(node: wq.Query) -> wq.Query:
    if isinstance(node, wq.Or):
        node.matcher_type = wq.Or.ARRAY_MATCHER
    return node


def _phrases_where_positions_are_kept(node: wq.Query) -> wq.Query:
    """A phrase is matched where positions are kept (body, title); elsewhere it would fail.

    A quoted single word is no phrase: it is searched as the word, in every field.
    """
    if not isinstance(node, wq.Phrase):
        return node
    if len(node.words) == 1:
        return wq.Term(node.fieldname, node.words[0], boost=node.boost)
    return wq.NullQuery if node.fieldname in UNPOSITIONED_FIELDS else node


def _unused_coarse(clauses: list[wq.Query]) -> tuple[str, ...]:
    """The first-letters fields a query leaves out: the one of the other length, or both
    when it has a phrase (quoted words, a hyphenated word), which asks for its wording
    (with them, the dev set's headlines ranked worse)."""
    if any(isinstance(leaf, wq.Phrase) for clause in clauses for leaf in clause.leaves()):
        return COARSE_FIELDS
    return (COARSE_FIELDS[0],) if len(clauses) > FEW_WORDS else (COARSE_FIELDS[1],)


def _without_fields(query: wq.Query, fields: tuple[str, ...]) -> wq.Query:
    def drop(node: wq.Query) -> wq.Query:
        return wq.NullQuery if node.is_leaf() and node.field() in fields else node

    return query.accept(drop).normalize()


def _with_other_readings(clause: wq.Query, lookup: Callable[[str], Entry | None]) -> wq.Query:
    """A word's clause that also finds the forms its lemma shares with another word (see
    analysis.homographs): промяна also looks for промени as written, which the index holds
    under променя; and промени also looks for the lemma промяна. Each counts as the word itself."""
    nodes = _nodes(clause)
    if not all(type(node) is wq.Term for node in nodes):
        return clause  # a phrase or a hyphenated word: its wording is what is asked for

    def term_of(word: str) -> str | None:
        entry = lookup(word)
        return entry.term if entry else None

    boost = FIELD_BOOSTS["body"]
    added: list[wq.Query] = []
    for node in nodes:
        if node.fieldname == "body":
            added += [wq.Term("exact", form, boost=boost) for form in forms_read_otherwise(node.text, term_of)]
        elif node.fieldname == "exact":
            added += [wq.Term("body", lemma, boost=boost) for lemma in lemmas_also_meant(node.text, term_of)]
    fresh = [node for node in dict.fromkeys(added) if node not in nodes]
    return wq.Or([*nodes, *fresh]) if fresh else clause


def _weighed_by_commonness(clause: wq.Query, lookup: Callable[[str], Entry | None]) -> wq.Query:
    """The clause with the weight of its word's exact form and of its lemma scaled by how common
    each is as written (an article holding only хора, казаха and вчера of a headline is less
    likely the one meant than an article holding its rare word). The term map holds both
    figures on the word's line, and a lemma's own on the line of the lemma written out, which
    serves a query word the archive lacks in that form."""
    terms = [leaf for leaf in clause.leaves() if isinstance(leaf, wq.Term)]
    zipfs: dict[tuple[str, str], float] = {}
    for leaf in terms:
        if leaf.fieldname == "exact" and (entry := lookup(leaf.text)):
            zipfs["exact", leaf.text] = entry.word_zipf
            zipfs.update(((field, entry.term), entry.term_zipf) for field in LEMMA_FIELDS)
    weighed = {text for field, text in zipfs if field != "exact"}
    for lemma in {leaf.text for leaf in terms if leaf.fieldname in LEMMA_FIELDS} - weighed:
        if entry := lookup(lemma):
            zipfs.update(((field, lemma), entry.word_zipf) for field in LEMMA_FIELDS)

    def weigh(node: wq.Query) -> wq.Query:
        zipf = zipfs.get((node.fieldname, node.text)) if isinstance(node, wq.Term) else None
        return node if zipf is None else node.with_boost(node.boost * _telling(zipf))

    return clause.accept(weigh)


def _telling(zipf: float) -> float:
    """A term's weight factor: 1 for a word wordfreq does not list, about .58 for хора (zipf 6)."""
    return (max(ZIPF_CEILING - zipf, 0.0) / ZIPF_CEILING) ** COMMONNESS_POWER


def _proximity_boosts(clauses: list[wq.Query]) -> list[wq.Query]:
    """Optional phrase clauses that reward articles where query words stand close."""
    words = [_body_term(clause) for clause in clauses]
    boosts = [
        wq.Phrase("body", [first, second], slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST)
        for first, second in zip(words, words[1:])
        if first and second
    ]
    if len(words) <= FEW_WORDS:
        boosts += [
            wq.Phrase("body", [first, second], slop=NEARBY_SLOP, boost=NEARBY_BOOST)
            for first, second in permutations(words, 2)
            if first and second and first != second
        ]
    return boosts


def _body_term(clause: wq.Query) -> str | None:
    """The body-field term of a one-word clause; None for phrases and other constructs.

    A Latin word read as Cyrillic (Lavrov OR лавров) has a term for each reading:
    the Cyrillic one is what the articles hold.
    """
    terms = [leaf.text for leaf in clause.leaves() if isinstance(leaf, wq.Term) and leaf.fieldname == "body"]
    return next((term for term in terms if has_cyrillic(term)), terms[0] if terms else None)


def _check_dates(query: wq.Query, schema: Schema) -> None:
    """Whoosh reports a bad `date:` value late (a bare Exception while matching) or never
    (an empty query carrying an `error`); say what is wrong before searching."""
    for leaf in query.leaves():
        error = getattr(leaf, "error", None)
        if error:
            raise QueryError(f"not a date in the query; {DATE_HELP}")
        if isinstance(leaf, wq.NumericRange) and leaf.field() == "date" and None not in (leaf.start, leaf.end):
            if leaf.start > leaf.end:  # date:[2025 TO 2024] matches nothing, as date:2025..2024 would
                raise QueryError("a date range in the query ends before it starts; write the earlier date first")
        if leaf.field() != "date" or not leaf.has_terms():
            continue
        for _, text in leaf.terms(phrases=True):
            try:
                schema["date"].to_bytes(text)
            except Exception:
                raise QueryError(f"not a date: {text!r}; {DATE_HELP}") from None


def highlight_terms(query: wq.Query, reader: object) -> frozenset[str]:
    """Index terms whose occurrences should be highlighted: every positive leaf, expanded."""
    terms: set[str] = set()
    for leaf in _positive_leaves(query):
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname in LEMMA_FIELDS:
                terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return frozenset(terms)


def _positive_leaves(query: wq.Query):  # type: ignore[no-untyped-def]
    if isinstance(query, wq.Not):
        return
    if isinstance(query, wq.AndNot):
        yield from _positive_leaves(query.a)
        return
    if query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from _positive_leaves(child)
