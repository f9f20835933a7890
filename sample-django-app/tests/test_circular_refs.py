import gc
import json
import weakref

from django.test import RequestFactory, SimpleTestCase

from leaks.patterns import circular_refs


class CircularRefsTests(SimpleTestCase):
    def test_every_variant_builds_the_default_10000_children(self):
        for url in ('/leaks/circular-refs/', '/leaks/circular-refs/weakref/', '/leaks/circular-refs/gc-collect/'):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()['children'], 10000)

    def test_children_count_is_a_parameter(self):
        response = self.client.get('/leaks/circular-refs/', {'children': 12})
        self.assertEqual(response.json()['children'], 12)
        for raw in ('x', '-1', str(circular_refs.MAX_CHILDREN + 1)):
            with self.subTest(raw=raw):
                self.assertEqual(self.client.get('/leaks/circular-refs/', {'children': raw}).status_code, 400)

    def test_node_tree_is_a_cycle_that_refcounting_alone_cannot_free(self):
        gc.disable()
        self.addCleanup(gc.enable)
        root = circular_refs.build_tree(circular_refs.Node, 3)
        self.assertIs(root.children[0].parent, root)
        probe = weakref.ref(root)
        del root
        self.assertIsNotNone(probe())  # still alive: the cycle holds it
        gc.collect()
        self.assertIsNone(probe())  # the cyclic GC frees it

    def test_weak_node_tree_is_freed_by_refcounting_alone(self):
        gc.disable()
        self.addCleanup(gc.enable)
        root = circular_refs.build_tree(circular_refs.WeakNode, 3)
        self.assertIs(root.children[0].parent, root)
        probe = weakref.ref(root)
        del root
        self.assertIsNone(probe())

    def test_gc_collect_variant_reports_the_collected_tree(self):
        gc.collect()
        request = RequestFactory().get('/', {'children': 50})
        response = circular_refs.gc_collect(request)
        # root + 50 children, each with its __dict__ and children list at least.
        self.assertGreaterEqual(json.loads(response.content)['collected'], 51)
