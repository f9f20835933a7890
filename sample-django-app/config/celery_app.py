"""The sample project's Celery app (seed 6. 方案 2: thumbnails made by a task, not in the view).

Broker: CELERY_BROKER_URL, else REDIS_URL (leaklab hands each variant that names `services:
[redis]` one, on a private redis-server or the user's). No result backend, and every task
ignores its result: the view never waits on one, and a backend would keep a key (Redis) or a
pending-result entry per task for nothing. On a shared Redis the variant's key prefix
(LEAKLAB_CACHE_KEY_PREFIX) also prefixes the broker's keys, so no other run sees its queue.

Imported by the Celery worker (`celery -A config.celery_app worker`) and, lazily, by the one view
that enqueues (leaks/patterns/image_celery.py): every other view never loads Celery, so their
workers' memory is what it was before this file existed.
"""
import os

from celery import Celery

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.base')


def broker_url():
    return os.environ.get('CELERY_BROKER_URL') or os.environ.get('REDIS_URL') or ''


app = Celery('leaklab', include=['leaks.tasks'])
app.conf.update(
    broker_url=broker_url() or None,
    result_backend=None,
    task_ignore_result=True,
    # One task at a time per pool process: a prefetched backlog would sit in the worker's memory
    # and show there as growth that is only the queue moving from Redis into the worker.
    worker_prefetch_multiplier=1,
    task_acks_late=False,
    broker_connection_retry_on_startup=True,
    # A publish that cannot reach the broker fails the request quickly instead of hanging it.
    broker_transport_options={
        'global_keyprefix': f"{os.environ.get('LEAKLAB_CACHE_KEY_PREFIX', 'leaklab')}:",
        'socket_connect_timeout': 2,
    },
    task_publish_retry_policy={'max_retries': 2, 'interval_start': 0, 'interval_step': 0.2},
    worker_hijack_root_logger=False,
)
