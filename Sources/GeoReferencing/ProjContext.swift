import CPROJ

/// One `PJ_CONTEXT` with PROJ's logging captured instead of printed, so PROJ never writes
/// to stderr behind the program's back and its last message can be put in an error.
///
/// Not thread-safe: a context (and every `PJ*` made on it) belongs to one thread or one
/// owning object at a time.
final class ProjContext {
    let ctx: OpaquePointer
    private let log: LogBox

    final class LogBox {
        var last: String?
    }

    init() {
        ctx = proj_context_create()
        log = LogBox()
        proj_log_level(ctx, PJ_LOG_ERROR)
        let box = Unmanaged.passUnretained(log).toOpaque()
        proj_log_func(ctx, box) { app, _, message in
            guard let app, let message else { return }
            Unmanaged<LogBox>.fromOpaque(app).takeUnretainedValue().last = String(cString: message)
        }
    }

    deinit { proj_context_destroy(ctx) }

    /// The last message PROJ logged on this context (cleared by the read), or the text of
    /// the context's errno, or a generic reason.
    func takeReason(_ fallback: String) -> String {
        defer { log.last = nil }
        if let m = log.last, !m.isEmpty { return m }
        let e = proj_context_errno(ctx)
        if e != 0, let s = proj_context_errno_string(ctx, e) { return String(cString: s) }
        return fallback
    }

    /// `proj_create` on this context; nil with the reason on failure.
    func create(_ definition: String) -> Result<OpaquePointer, GeoError> {
        guard let pj = proj_create(ctx, definition) else {
            return .failure(.invalidCRS(definition: definition, reason: takeReason("PROJ cannot parse it")))
        }
        return .success(pj)
    }
}
