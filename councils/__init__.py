"""The real-time workspace of survivor advisory councils. Models and consumers come
with the councils feature; routing.py is already wired into config/asgi.py."""
