"""argmap's parser of the Argdown syntax: Argdown text in, an `ArgdownDocument` out, or one positioned error.

Hand-written, line by line, without a parser library: Argdown is a language of lines and indentation (blank
lines end blocks, indentation nests relations, a line's first symbol says what it is), which a grammar library
would need a custom lexer for anyway; inline elements are a handful of regular expressions
(`_argdown_inline`). A line-driven parser is also linear in the file's size and reports every error at the
line and column of the offending token.

The model follows Argdown's own (`model.ts` of Argdown 1.7): untitled statements and arguments are numbered
`Untitled N` in document order, relations between statements are support and attack in loose mode and
entails, contrary and contradictory in strict mode (`model: {mode: strict}` in the front matter), and the
outgoing relations of a reconstructed argument are those of its main conclusion.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from argmap.formats._argdown_inline import _LOADER, Located, plain_text, split_data
from argmap.formats._argdown_lines import (
    _ARGUMENT_HEAD,
    _COLLAPSED,
    _EXPANDED_CLOSE,
    _EXPANDED_LINE,
    _EXPANDED_OPEN,
    _HEADING,
    _LIST_ITEM,
    _PCS_ITEM,
    _RELATION,
    _STATEMENT_HEAD,
    Ref,
    _brace_delta,
    _Line,
    _merge,
    _RawRelation,
    _strip_tags,
    split_lines,
)
from argmap.formats._argdown_model import (
    ArgdownDocument,
    ArgdownError,
    Argument,
    EquivalenceClass,
    Inference,
    MemberKind,
    PcsStatement,
    Section,
    Statement,
)
from argmap.formats._argdown_relations import resolve_relations

__all__ = ["ArgdownError", "parse_argdown"]


def parse_argdown(text: str, path: str = "<argdown>") -> ArgdownDocument:
    """Parse Argdown text; `ArgdownError` (`file:line:col: error: ...`) for anything Argdown would refuse."""
    return _Parser(text, path).parse()


class _Parser:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.doc = ArgdownDocument(path=path)
        self.untitled = 0
        self.raw: list[_RawRelation] = []
        self.section: str | None = None
        self.section_stack: list[Section] = []
        self.last_argument: str | None = None
        self.remove_tags = False

    # -- helpers -------------------------------------------------------------------------------------------------

    def error(self, line: int, column: int, message: str) -> ArgdownError:
        return ArgdownError(self.path, line, column, message)

    def new_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def _lines(self) -> list[_Line | None]:
        """Every line, comments blanked; None for a blank line (one that separates blocks)."""
        return split_lines(self.text)

    # -- document ------------------------------------------------------------------------------------------------

    def parse(self) -> ArgdownDocument:
        lines = self._lines()
        start = self._front_matter(lines)
        block: list[_Line] = []
        for item in lines[start:]:
            if item is None:
                if block and block[-1].brace > 0:
                    continue  # a blank line inside block-format YAML data
                if block:
                    self._block(block)
                block = []
                continue
            depth = block[-1].brace if block else 0
            item.brace = max(0, depth + _brace_delta(item.content))
            block.append(item)
        if block:
            self._block(block)
        resolve_relations(self.doc, self.raw)
        return self.doc

    def _front_matter(self, lines: list[_Line | None]) -> int:
        first = next((i for i, item in enumerate(lines) if item is not None), None)
        head = lines[first] if first is not None else None
        if head is None or not head.content.startswith("==="):
            return 0
        body: list[str] = []
        raw_lines = self.text.split("\n")
        for i in range(head.number, len(raw_lines)):
            if re.match(r"\s*={3,}\s*$", raw_lines[i]):
                data = self._yaml("\n".join(body), head.number + 1)
                self.doc.front_matter = data
                if isinstance(data, dict):
                    model = data.get("model")
                    if isinstance(model, dict) and model.get("mode") in ("strict", "loose"):
                        self.doc.mode = str(model["mode"])
                    if isinstance(model, dict) and model.get("removeTagsFromText") is True:
                        self.remove_tags = True
                end = i + 1  # 1-based number of the closing line
                return next((k for k, item in enumerate(lines) if item is not None and item.number > end),
                            len(lines))
            body.append(raw_lines[i])
        raise self.error(head.number, head.indent + 1, "front matter opened with '===' is never closed")

    def _yaml(self, text: str, line: int) -> Any:
        try:
            return yaml.load(text, Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            row, col = (line + mark.line, mark.column + 1) if mark is not None else (line, 1)
            raise self.error(row, col, f"invalid YAML in the front matter: {problem}") from None
        except Exception as exc:
            raise self.error(line, 1, f"invalid YAML in the front matter: {exc}") from None

    def _block(self, block: list[_Line]) -> None:
        first = block[0]
        content = first.content
        if _HEADING.match(content):
            self._heading(block)
            self.last_argument = None
            return
        if _PCS_ITEM.match(content):
            self._pcs(block)
            self.last_argument = None
            return
        if _LIST_ITEM.match(content):
            self._list(block)
            self.last_argument = None
            return
        if _RELATION.match(content):
            raise self.error(first.number, 1, "a block cannot start with a relation: put the relation below the "
                             "statement or argument it belongs to, without a blank line")
        root, end = self._element(block, 0, "top-level")
        self._tree(block, end, root)
        self.last_argument = root[1] if root[0] == "argument" else None

    # -- headings ------------------------------------------------------------------------------------------------

    def _heading(self, block: list[_Line]) -> None:
        line = block[0]
        m = _HEADING.match(line.content)
        assert m is not None
        level = len(m.group(1))
        loc = Located(self.path, [(line.number, line.indent + m.end() + 1, line.content[m.end():])]
                      + [(more.number, more.indent + 1, more.content) for more in block[1:]])
        raw, data, _ = split_data(loc)
        title, tags = plain_text(raw)
        title = re.sub(r"(?<!\S)#(\([^)]*\)|[\w][\w\-/]*)", "", title).strip()
        while self.section_stack and self.section_stack[-1].level >= level:
            self.section_stack.pop()
        parent = self.section_stack[-1].id if self.section_stack else None
        section = Section(f"s{len(self.doc.sections) + 1}", level, title, parent, line.number, tags, data)
        self.doc.sections.append(section)
        self.section_stack.append(section)
        self.section = section.id

    # -- elements ------------------------------------------------------------------------------------------------

    def _is_break(self, line: _Line, in_pcs: bool, in_list: bool) -> bool:
        """Whether a line starts a new element rather than continuing the text of the previous one."""
        content = line.content
        if _RELATION.match(content):
            return True
        if in_pcs and (_PCS_ITEM.match(content) or _EXPANDED_CLOSE.match(content) or _EXPANDED_LINE.match(content)):
            return True
        return in_list and bool(_LIST_ITEM.match(content))

    def _element(self, block: list[_Line], index: int, role: str, skip: int = 0, *, in_pcs: bool = False,
                 in_list: bool = False) -> tuple[Ref, int]:
        """Parse the statement or argument starting at `block[index]` (after `skip` characters of its first
        line): its reference and the index of the first line after it."""
        first = block[index]
        pieces = [(first.number, first.indent + skip + 1, first.content[skip:])]
        end = index + 1
        while end < len(block) and (block[end - 1].brace > 0 or not self._is_break(block[end], in_pcs, in_list)):
            line = block[end]
            pieces.append((line.number, 1, " " * line.indent + line.content))  # indentation kept for YAML
            end += 1
        if block[end - 1].brace > 0:
            line = block[end - 1]
            raise self.error(line.number, line.indent + 1, "unclosed '{': YAML data must end with '}'")
        loc = Located(self.path, pieces)
        lead = len(loc.text) - len(loc.text.lstrip())
        return self._member(loc, lead, role), end

    def _member(self, loc: Located, lead: int, role: str) -> Ref:
        text = loc.text
        line, column = loc.where(lead)
        m = _STATEMENT_HEAD.match(text, lead)
        if m is None:
            m = _ARGUMENT_HEAD.match(text, lead)
            kind: MemberKind = "argument" if m else "statement"
        else:
            kind = "statement"
        if m is not None:
            title = re.sub(r"\s+", " ", m.group(1)).strip()
            if not title:
                raise self.error(line, column, "an empty title")
            definition = bool(m.group(2))
            rest, data, _ = split_data(loc, m.end())
            body, tags = plain_text(rest)
            if not definition and _strip_tags(body):
                bad = loc.where(m.end() + len(rest) - len(rest.lstrip()))
                raise self.error(*bad, f"unexpected text after the reference {m.group(0)!r}: a definition needs "
                                 f"a colon ({m.group(0)}: text)")
        else:
            title = self.new_title() if kind == "statement" else ""
            definition = True
            rest, data, _ = split_data(loc, lead)
            body, tags = plain_text(rest)
        if self.remove_tags:
            body = _strip_tags(body)
        if kind == "argument":
            self._argument(title, body if definition else None, tags, data, line, column)
            return ("argument", title, None)
        statement = Statement(title, body if definition else "", role, line, column, not definition, tags, data,
                              self.section)
        self._statement(statement)
        return ("statement", title, None)

    def _statement(self, statement: Statement) -> None:
        ec = self.doc.statements.get(statement.title)
        if ec is None:
            ec = EquivalenceClass(statement.title, section=statement.section, line=statement.line,
                                  column=statement.column)
            self.doc.statements[statement.title] = ec
        ec.members.append(statement)
        _merge(ec.tags, ec.data, statement.tags, statement.data)

    def _argument(self, title: str, description: str | None, tags: list[str], data: Any, line: int,
                  column: int) -> Argument:
        arg = self.doc.arguments.get(title)
        if arg is None:
            arg = Argument(title, section=self.section, line=line, column=column)
            self.doc.arguments[title] = arg
        if description is not None:
            arg.descriptions.append(description)
        _merge(arg.tags, arg.data, tags, data)
        return arg

    # -- relation trees ------------------------------------------------------------------------------------------

    def _tree(self, block: list[_Line], index: int, root: Ref, *, in_pcs: bool = False,
              in_list: bool = False, undercut: Ref | None = None) -> int:
        """Parse the relation lines from `block[index]` on, below `root`; the index of the first line that is
        not part of the tree. An undercut right below a conclusion undercuts its inference (`undercut`).

        Indentation works as in Argdown: a deeper line is a child of the line above, a line as deep is its
        sibling, and a shallower line closes every deeper level and is a sibling of the level it lands on."""
        stack: list[tuple[int, Ref]] = [(-1, root)]
        while index < len(block):
            line = block[index]
            m = _RELATION.match(line.content)
            if m is None:
                return index
            if len(stack) > 1 and line.indent <= stack[-1][0]:
                while len(stack) > 2 and stack[-1][0] > line.indent:
                    stack.pop()
                stack.pop()
            parent = stack[-1][1]
            symbol = m.group(1)
            if undercut is not None and len(stack) == 1 and symbol in ("_", "<_"):
                parent = undercut
            skip = m.end()
            if not line.content[skip:].strip():
                raise self.error(line.number, line.indent + 1, f"the relation '{symbol}' has no statement or "
                                 "argument after it")
            column = line.indent + skip + 1 + (len(line.content[skip:]) - len(line.content[skip:].lstrip()))
            child, index = self._element(block, index, "relation", skip, in_pcs=in_pcs, in_list=in_list)
            if symbol == "><" and "argument" in (parent[0], child[0]):
                raise self.error(line.number, column, "a contradiction ('><') holds between two statements, "
                                 "not an argument")
            self.raw.append(_RawRelation(symbol, parent, child, line.number, column))
            stack.append((line.indent, child))
        return index

    # -- premise-conclusion structures ----------------------------------------------------------------------------

    def _pcs(self, block: list[_Line]) -> None:
        first = block[0]
        if self.last_argument is not None:
            arg = self.doc.arguments[self.last_argument]
        else:
            title = self.new_title()
            arg = self._argument(title, None, [], None, first.number, first.indent + 1)
        if arg.pcs:
            raise self.error(first.number, first.indent + 1, f"the argument <{arg.title}> already has a "
                             "premise-conclusion structure")
        self.last_argument = None
        inference: Inference | None = None
        index = 0
        while index < len(block):
            line = block[index]
            content = line.content
            m = _PCS_ITEM.match(content)
            if m:
                role = "premise" if inference is None else "conclusion"
                skip = m.end()
                ref, index = self._element(block, index, role, skip, in_pcs=True)
                if ref[0] != "statement":
                    raise self.error(line.number, line.indent + skip + 2, "a premise or conclusion must be a "
                                     "statement, not an argument")
                arg.pcs.append(PcsStatement(ref[1], role, inference))
                inference = None
                index = self._tree(block, index, ref, in_pcs=True,
                                   undercut=("inference", arg.title, len(arg.pcs) - 1) if role != "premise" else None)
                continue
            inf_line = line
            if _COLLAPSED.match(content):
                inference = Inference(line=line.number, column=line.indent + 1)
                index += 1
            elif (one := _EXPANDED_LINE.match(content)) is not None:
                loc = Located(self.path, [(line.number, line.indent + one.start(2) + 1, one.group(2))])
                inference = self._inference(loc, line)
                index += 1
            elif _EXPANDED_OPEN.match(content):
                pieces = []
                index += 1
                while index < len(block) and not (block[index - 1].brace == 0 and index > 0
                                                   and _EXPANDED_CLOSE.match(block[index].content)):
                    if _PCS_ITEM.match(block[index].content) and block[index - 1].brace == 0:
                        break
                    pieces.append((block[index].number, block[index].indent + 1, block[index].content))
                    index += 1
                if index >= len(block) or not _EXPANDED_CLOSE.match(block[index].content):
                    raise self.error(inf_line.number, inf_line.indent + 1, "an expanded inference ('--') must be "
                                     "closed by another line of hyphens")
                index += 1
                inference = self._inference(Located(self.path, pieces), inf_line) if pieces else \
                    Inference(line=inf_line.number, column=inf_line.indent + 1)
            else:
                raise self.error(line.number, line.indent + 1, "a premise-conclusion structure holds only numbered "
                                 "statements '(1) ...', inferences '----' and relations; end it with a blank line")
            conclusion_index = len(arg.pcs)
            index = self._tree(block, index, ("inference", arg.title, conclusion_index), in_pcs=True)
        if inference is not None:
            raise self.error(block[-1].number, 1, "a premise-conclusion structure cannot end with an inference: "
                             "add the conclusion")
        if len(arg.pcs) < 2 or arg.pcs[-1].role != "conclusion":
            raise self.error(first.number, first.indent + 1, "a premise-conclusion structure needs at least one "
                             "premise and a conclusion after an inference line ('----')")
        for number, item in enumerate(arg.pcs):
            if item.role == "conclusion":
                item.role = "main-conclusion" if number == len(arg.pcs) - 1 else "intermediary-conclusion"
        for item in arg.pcs:
            for member in self.doc.statements[item.title].members[::-1]:
                if member.role in ("premise", "conclusion"):
                    member.role = item.role
                    break

    def _inference(self, loc: Located, line: _Line) -> Inference:
        rest, data, _ = split_data(loc)
        text, _tags = plain_text(rest)
        rules = [rule.strip() for rule in text.split(",") if rule.strip()]
        return Inference(rules, data, line.number, line.indent + 1)

    # -- lists ---------------------------------------------------------------------------------------------------

    def _list(self, block: list[_Line]) -> None:
        indent = block[0].indent
        index = 0
        while index < len(block):
            line = block[index]
            m = _LIST_ITEM.match(line.content)
            if m is None or line.indent != indent:
                raise self.error(line.number, 1, "nested lists are not supported: list items must all be "
                                 "indented alike")
            skip = m.end()
            ref, index = self._element(block, index, "list", skip, in_list=True)
            index = self._tree(block, index, ref, in_list=True)

    # -- relations -----------------------------------------------------------------------------------------------
