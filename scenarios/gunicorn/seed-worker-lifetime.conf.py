# The seed's gunicorn.conf.py from 原則 4 (定期重啟 Worker), "2. Worker 存活時間限制", as written,
# with the lifetime shortened from 3600 s so a short run would show recycling if it happened.
max_worker_lifetime = 5  # seconds: a uWSGI setting (max-worker-lifetime); Gunicorn has none
