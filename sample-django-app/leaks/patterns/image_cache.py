"""Seed section 6 (實戰案例:圖片處理服務記憶體洩漏) and its 方案 1 (Django cache + TTL, `with Image.open`).

Source images are made on first use (never at import) under settings.LEAKLAB_IMAGE_DIR,
or a temp dir. Image id K reads source `K % LEAKLAB_IMAGE_POOL`, so the disk stays
bounded while each distinct id still gets its own cache entry, as in the seed.
Sources are 800x600 seeded noise (JPEG ~330 KB, 1.4 MB decoded), so thumbnails do not
compress to nothing (~17 KB; the seed says 50 KB). Responses are JSON (thumbnail size) rather than the JPEG.
"""
import io
import os
import random
import tempfile

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from ..params import int_param, json_400

MAX_ID = 10**9
SOURCE_SIZE = (800, 600)
THUMBNAIL_SIZE = (200, 200)
TTL_SECONDS = 3600

PROCESSED_IMAGES = {}  # never evicted: the leak


def image_dir():
    configured = getattr(settings, 'LEAKLAB_IMAGE_DIR', None)
    path = configured or os.path.join(tempfile.gettempdir(), f'leaklab-images-{os.getuid()}')
    os.makedirs(path, exist_ok=True)
    return path


def source_path(image_id):
    from PIL import Image

    number = image_id % max(1, settings.LEAKLAB_IMAGE_POOL)
    path = os.path.join(image_dir(), f'{number}.jpg')
    if not os.path.exists(path):
        # Noise in 4x4 blocks: it survives the 4x downscale, so thumbnails stay ~17 KB
        # (pixel noise would average out to a ~7 KB thumbnail).
        coarse = (SOURCE_SIZE[0] // 4, SOURCE_SIZE[1] // 4)
        noise = random.Random(number).randbytes(coarse[0] * coarse[1] * 3)
        image = Image.frombytes('RGB', coarse, noise).resize(SOURCE_SIZE, Image.Resampling.NEAREST)
        # Write then rename: two workers may make the same file at once.
        tmp = f'{path}.{os.getpid()}.tmp'
        image.save(tmp, format='JPEG', quality=90)
        os.replace(tmp, path)
    return path


def make_thumbnail_leaky(image_id):
    """The seed's code: Image.open without `with`."""
    from PIL import Image

    image = Image.open(source_path(image_id))
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE)
    buffer = io.BytesIO()
    thumbnail.save(buffer, format='JPEG')
    return buffer.getvalue()


def make_thumbnail(image_id):
    """The seed's fix: `with Image.open(...)` closes the file whatever happens."""
    from PIL import Image

    with Image.open(source_path(image_id)) as image:
        thumbnail = image.copy()
        thumbnail.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        thumbnail.save(buffer, format='JPEG')
        return buffer.getvalue()


@json_400
def leaky(request):
    image_id = int_param(request, 'id', lo=0, hi=MAX_ID)
    hit = image_id in PROCESSED_IMAGES
    if not hit:
        PROCESSED_IMAGES[image_id] = make_thumbnail_leaky(image_id)
    return JsonResponse({
        'id': image_id, 'cached': hit, 'thumbnail_bytes': len(PROCESSED_IMAGES[image_id]),
        'kept': len(PROCESSED_IMAGES),
    })


@json_400
def fixed(request):
    image_id = int_param(request, 'id', lo=0, hi=MAX_ID)
    key = f'thumbnail_{image_id}'
    data = cache.get(key)
    hit = data is not None
    if not hit:
        data = make_thumbnail(image_id)
        cache.set(key, data, timeout=TTL_SECONDS)
    return JsonResponse({'id': image_id, 'cached': hit, 'thumbnail_bytes': len(data), 'kept': 0})


def reset():
    """Tests only."""
    PROCESSED_IMAGES.clear()
    cache.clear()
