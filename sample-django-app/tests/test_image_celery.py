import os
import tempfile
from unittest import mock

from django.test import SimpleTestCase, override_settings

import config.celery_app
from leaks import tasks
from leaks.patterns import image_celery


class ImageCeleryTests(SimpleTestCase):
    """Seed 6, 方案 2: the view serves the file when it exists, else enqueues once and answers 202."""

    def setUp(self):
        for prefix in ('leaklab-test-images-', 'leaklab-test-thumbs-'):
            tmp = tempfile.TemporaryDirectory(prefix=prefix)
            self.addCleanup(tmp.cleanup)
            if 'images' in prefix:
                images = tmp.name
            else:
                self.thumbs = tmp.name
        override = override_settings(LEAKLAB_IMAGE_DIR=images, LEAKLAB_IMAGE_POOL=2, LEAKLAB_THUMBNAIL_DIR=self.thumbs)
        override.enable()
        self.addCleanup(override.disable)

    def test_a_new_id_is_enqueued_once_and_answered_202(self):
        with mock.patch.object(tasks.generate_thumbnail, 'delay') as delay:
            first = self.client.get('/leaks/image-cache/celery/', {'id': 5})
            second = self.client.get('/leaks/image-cache/celery/', {'id': 5})
        self.assertEqual((first.status_code, second.status_code), (202, 202))
        self.assertEqual(first.json(), {'status': 'processing', 'id': 5})
        delay.assert_called_once_with(5)

    def test_the_task_writes_the_thumbnail_the_view_then_serves(self):
        tasks.generate_thumbnail.apply(args=(3,))  # the task body, in this process
        response = self.client.get('/leaks/image-cache/celery/', {'id': 3})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response['Content-Type'], 'image/jpeg')
        body = b''.join(response.streaming_content)
        self.assertTrue(body.startswith(b'\xff\xd8'))
        self.assertEqual(os.listdir(self.thumbs), ['3.jpg'])

    def test_a_broker_that_is_down_lets_a_later_request_try_again(self):
        with mock.patch.object(tasks.generate_thumbnail, 'delay', side_effect=ConnectionError('down')):
            with self.assertRaises(ConnectionError):
                self.client.get('/leaks/image-cache/celery/', {'id': 8})
        self.assertFalse(os.path.exists(image_celery.thumbnail_path(8) + '.queued'))

    def test_bad_ids_are_a_400(self):
        self.assertEqual(self.client.get('/leaks/image-cache/celery/', {'id': 'x'}).status_code, 400)

    def test_no_result_backend_and_results_ignored(self):
        conf = config.celery_app.app.conf
        self.assertIsNone(conf.result_backend)
        self.assertTrue(conf.task_ignore_result)
        self.assertTrue(tasks.generate_thumbnail.ignore_result)
