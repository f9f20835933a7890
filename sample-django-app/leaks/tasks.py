"""Celery tasks of the sample app (seed 6. 方案 2: 預先生成縮圖)."""
from celery import shared_task

from .patterns import image_celery


@shared_task(ignore_result=True)
def generate_thumbnail(image_id):
    """異步生成縮圖並儲存到硬碟: the seed's task, writing where the view looks."""
    image_celery.write_thumbnail(image_id)
