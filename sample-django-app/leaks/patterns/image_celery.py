"""Seed section 6, 方案 2 (預先生成縮圖): a Celery task makes the thumbnail and saves it to disk;
the view answers with the file when it is there, else enqueues the task (once per id) and
answers 202 {"status": "processing"}.

Nothing stays in the web worker: the thumbnail goes through a worker of Celery's pool to
settings.LEAKLAB_THUMBNAIL_DIR (leaklab points it into the variant's scratch folder, removed
after the variant). "Once per id" holds across web workers: a marker file created with O_EXCL
(`<id>.queued`) says the task was sent, so two workers asked for the same new id send one task.
"""
import os
import tempfile

from django.conf import settings
from django.http import FileResponse, JsonResponse

from ..params import int_param, json_400
from .image_cache import MAX_ID, make_thumbnail


def thumbnail_dir():
    path = settings.LEAKLAB_THUMBNAIL_DIR or os.path.join(tempfile.gettempdir(), f'leaklab-thumbnails-{os.getuid()}')
    os.makedirs(path, exist_ok=True)
    return path


def thumbnail_path(image_id):
    return os.path.join(thumbnail_dir(), f'{image_id}.jpg')


def write_thumbnail(image_id):
    """The task's work: the same thumbnail as 方案 1, written then renamed (a reader never sees half)."""
    path = thumbnail_path(image_id)
    tmp = f'{path}.{os.getpid()}.tmp'
    with open(tmp, 'wb') as f:
        f.write(make_thumbnail(image_id))
    os.replace(tmp, path)


def claim(image_id):
    """True for the one caller that gets to enqueue this id."""
    try:
        os.close(os.open(f'{thumbnail_path(image_id)}.queued', os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        return True
    except FileExistsError:
        return False


@json_400
def view(request):
    image_id = int_param(request, 'id', lo=0, hi=MAX_ID)
    path = thumbnail_path(image_id)
    try:
        return FileResponse(open(path, 'rb'), content_type='image/jpeg')
    except FileNotFoundError:
        pass
    if claim(image_id):
        # Imported here, not at the top: only this view's workers load Celery (see
        # config/celery_app.py). The app first, so the shared task binds to it.
        import config.celery_app  # noqa: F401

        from ..tasks import generate_thumbnail

        try:
            generate_thumbnail.delay(image_id)
        except Exception:
            # The broker is down: let a later request try again, and say so.
            os.unlink(f'{path}.queued')
            raise
    return JsonResponse({'status': 'processing', 'id': image_id}, status=202)
