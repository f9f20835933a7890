from django.urls import include, path

from leaks.views import ok

urlpatterns = [
    path('ok/', ok, name='ok'),
    path('leaks/', include('leaks.urls')),
]

# JSON bodies for errors too, so a load generator never parses HTML.
handler404 = 'leaks.views.not_found'
handler500 = 'leaks.views.server_error'
