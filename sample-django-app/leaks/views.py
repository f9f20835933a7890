from django.http import JsonResponse


def ok(request):
    """Health probe, and the no-leak baseline."""
    return JsonResponse({'status': 'ok'})


def not_found(request, exception=None):
    return JsonResponse({'error': 'not found', 'path': request.path}, status=404)


def server_error(request):
    return JsonResponse({'error': 'server error'}, status=500)
