"""Seed cause 3 (循環引用), fix 原則 3 (weakref) and 方案 5 (gc.collect()).

Nothing here is kept on purpose: each tree is garbage when the view returns. Whether
the parent<->child cycles make memory grow is left to CPython's cyclic GC (a tree that
survived to the oldest generation waits for a full collection) and to leaklab's
measurement. Nothing here fakes a leak.
"""
import gc
import weakref

from django.http import JsonResponse

from ..params import int_param, json_400

DEFAULT_CHILDREN = 10000
MAX_CHILDREN = 200000


class Node:
    """The seed's Node: child.parent -> parent, parent.children -> child (a cycle)."""

    def __init__(self, value):
        self.value = value
        self.parent = None
        self.children = []

    def add_child(self, child):
        child.parent = self
        self.children.append(child)


class WeakNode:
    """The seed's fix: the back reference to the parent is a weakref, so there is no cycle."""

    def __init__(self, value):
        self.value = value
        self._parent = None
        self.children = []

    @property
    def parent(self):
        return self._parent() if self._parent else None

    @parent.setter
    def parent(self, node):
        self._parent = weakref.ref(node) if node else None

    def add_child(self, child):
        child.parent = self
        self.children.append(child)


def build_tree(node_class, children):
    root = node_class('root')
    for i in range(children):
        root.add_child(node_class(f'child_{i}'))
    return root


def _children(request):
    return int_param(request, 'children', default=DEFAULT_CHILDREN, lo=0, hi=MAX_CHILDREN)


@json_400
def leaky(request):
    children = _children(request)
    root = build_tree(Node, children)
    return JsonResponse({'status': 'ok', 'children': len(root.children)})


@json_400
def weakref_fix(request):
    children = _children(request)
    root = build_tree(WeakNode, children)
    return JsonResponse({'status': 'ok', 'children': len(root.children)})


@json_400
def gc_collect(request):
    children = _children(request)
    root = build_tree(Node, children)
    built = len(root.children)
    del root
    # Full collection, as in the seed's 方案 5; its count includes earlier requests' trees.
    unreachable = gc.collect()
    return JsonResponse({'status': 'ok', 'children': built, 'collected': unreachable})


def reset():
    """Tests only: nothing is kept at module level."""
