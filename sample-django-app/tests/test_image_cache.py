import os
import tempfile
from unittest import mock

from django.core.cache import cache
from django.test import SimpleTestCase, override_settings

from leaks.patterns import image_cache


class ImageCacheTests(SimpleTestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix='leaklab-test-images-')
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name
        settings_override = override_settings(LEAKLAB_IMAGE_DIR=self.dir, LEAKLAB_IMAGE_POOL=2)
        settings_override.enable()
        self.addCleanup(settings_override.disable)
        image_cache.reset()
        self.addCleanup(image_cache.reset)

    def test_leaky_view_keeps_one_thumbnail_per_distinct_id(self):
        for i in range(5):
            response = self.client.get('/leaks/image-cache/', {'id': i})
            self.assertEqual(response.status_code, 200)
            body = response.json()
            self.assertFalse(body['cached'])
            self.assertEqual(body['kept'], i + 1)
        self.assertTrue(self.client.get('/leaks/image-cache/', {'id': 3}).json()['cached'])
        self.assertEqual(len(image_cache.PROCESSED_IMAGES), 5)
        # Ids share a bounded pool of source files.
        self.assertEqual(sorted(os.listdir(self.dir)), ['0.jpg', '1.jpg'])

    def test_thumbnail_is_a_jpeg_within_200x200_of_realistic_size(self):
        from PIL import Image

        self.client.get('/leaks/image-cache/', {'id': 1})
        data = image_cache.PROCESSED_IMAGES[1]
        self.assertTrue(data.startswith(b'\xff\xd8'))
        with Image.open(__import__('io').BytesIO(data)) as thumb:
            self.assertEqual(thumb.size, (200, 150))
        self.assertGreater(len(data), 10_000)

    def test_fixed_view_uses_the_django_cache_and_keeps_nothing(self):
        first = self.client.get('/leaks/image-cache/fixed/', {'id': 4}).json()
        second = self.client.get('/leaks/image-cache/fixed/', {'id': 4}).json()
        self.assertFalse(first['cached'])
        self.assertTrue(second['cached'])
        self.assertEqual(first['thumbnail_bytes'], second['thumbnail_bytes'])
        self.assertEqual(image_cache.PROCESSED_IMAGES, {})
        self.assertIsNotNone(cache.get('thumbnail_4'))

    def test_fixed_view_sets_a_one_hour_ttl(self):
        with mock.patch.object(image_cache.cache, 'set') as cache_set:
            self.client.get('/leaks/image-cache/fixed/', {'id': 2})
        self.assertEqual(cache_set.call_args.kwargs, {'timeout': 3600})

    def test_fixed_and_leaky_thumbnails_are_the_same_bytes(self):
        self.assertEqual(image_cache.make_thumbnail(7), image_cache.make_thumbnail_leaky(7))

    def test_bad_id_is_400(self):
        for raw in (None, 'x', '-1'):
            with self.subTest(raw=raw):
                params = {} if raw is None else {'id': raw}
                self.assertEqual(self.client.get('/leaks/image-cache/', params).status_code, 400)
                self.assertEqual(self.client.get('/leaks/image-cache/fixed/', params).status_code, 400)
