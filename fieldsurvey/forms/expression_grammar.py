"""The lark grammar of the XPath subset that XLSForms use (ODK XForms flavour).

Precedence, loosest first: ``or``, ``and``, ``= !=``, ``< <= > >=``, ``+ -``,
``* div mod``, unary ``-``, ``|``, then paths, predicates and primaries. The parser
is LALR with lark's contextual lexer, so ``and``/``or``/``div``/``mod`` are operators
only where an operator may stand; elsewhere they are ordinary names (XPath 1.0, 3.7).
A name directly followed by ``(`` is a function name (``jr:choice-name`` included).
"""

from __future__ import annotations

# NCName start characters and following characters (XML 1.0 names, simplified to
# Python's Unicode classes: letters and ``_`` first; letters, digits, ``_ - .`` and
# combining marks after).
_NC_START = r"[^\W\d]"
_NC_REST = r"[\w.\-\u00b7\u0300-\u036f\u203f\u2040]"
NCNAME = rf"{_NC_START}{_NC_REST}*"
QNAME = rf"{NCNAME}(?::{NCNAME})?"

GRAMMAR = rf"""
?start: expr

?expr: or_expr
?or_expr: and_expr
        | or_expr OR and_expr               -> bool_op
?and_expr: eq_expr
        | and_expr AND eq_expr              -> bool_op
?eq_expr: rel_expr
        | eq_expr EQ_OP rel_expr            -> bin_op
?rel_expr: add_expr
        | rel_expr REL_OP add_expr          -> bin_op
?add_expr: mul_expr
        | add_expr PLUS mul_expr            -> bin_op
        | add_expr MINUS mul_expr           -> bin_op
?mul_expr: unary_expr
        | mul_expr STAR unary_expr          -> bin_op
        | mul_expr DIV unary_expr           -> bin_op
        | mul_expr MOD unary_expr           -> bin_op
?unary_expr: union_expr
        | MINUS unary_expr                  -> neg
?union_expr: path_expr
        | union_expr "|" path_expr          -> union
?path_expr: location_path
        | filter_expr
        | filter_expr "/" relative_path     -> filter_path
?filter_expr: primary
        | filter_expr predicate             -> filtered
?primary: VAR_REF                           -> var_ref
        | "(" expr ")"
        | STRING                            -> string
        | NUMBER                            -> number
        | FUNC_NAME "(" [expr ("," expr)*] ")"  -> call

location_path: relative_path               -> rel_path
        | "/" relative_path                 -> abs_path
        | "/"                               -> root_path
relative_path: step ("/" step)*
step: NAME predicate*                      -> child_step
    | STAR predicate*                       -> wildcard_step
    | ".."                                  -> parent_step
    | "."                                   -> self_step
    | "@" NAME                              -> attr_step
predicate: "[" expr "]"

OR: "or"
AND: "and"
DIV: "div"
MOD: "mod"
EQ_OP: "=" | "!="
REL_OP: "<=" | ">=" | "<" | ">"
PLUS: "+"
MINUS: "-"
STAR: "*"
VAR_REF: /\$\{{[^{{}}]*\}}/
STRING: /"[^"]*"|'[^']*'/
NUMBER: /\d+(\.\d*)?|\.\d+/
FUNC_NAME.2: /{QNAME}(?=\s*\()/
NAME: /{QNAME}/

%ignore /\s+/
"""
