"""The editor's loop: `invoke livereload` (and what it shares with `invoke regenerate` and `invoke serve`)."""

from __future__ import annotations


def livereload_server(port: int):
    """livereload's Server, made to work with the theme's pages.

    livereload connects a page by an inline <script> it writes before
    </head>; the theme's Content-Security-Policy (script-src 'self') blocks
    inline scripts, so the page never connected and never reloaded. A
    <script src> from the same address is allowed, and its WebSocket too
    (connect-src 'self').
    """
    from livereload import Server  # noqa: PLC0415
    from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler  # noqa: PLC0415
    from livereload.server import LiveScriptInjector  # noqa: PLC0415
    from tornado import web  # noqa: PLC0415

    # livereload drops a reload that comes within 3 s of the last one (meant
    # for many files saved at once): after an autosave's quick saves the page
    # kept what an early save built. Here a reload is sent once per finished
    # build, so each one shows a whole site, the last one the last save.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    class SameOriginScript(LiveScriptInjector):
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()

    class ThemeServer(Server):
        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            handlers = [
                (r"/livereload", LiveReloadHandler),
                (r"/forcereload", ForceReloadHandler),
                (r"/livereload.js", LiveReloadJSHandler),
                *self.get_web_handlers(SameOriginScript.script),
            ]
            web.Application(handlers=handlers, debug=False, transforms=[SameOriginScript]).listen(port, address=host)

    return ThemeServer()
