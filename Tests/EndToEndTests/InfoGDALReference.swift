import Foundation

/// `gdalinfo -json -checksum` for many files at once, computed once per test run (never
/// stored). Process start-up dominates on this machine (~0.15 s each, serialised), so when
/// GDAL's Python bindings are present one Python process computes `gdal.Info(…,
/// format="json", computeChecksum=True)` — the function behind `gdalinfo -json` — for every
/// file in forked workers; otherwise each file gets its own `gdalinfo` run.
enum InfoGDALReference {
    struct Result: Sendable {
        /// GDAL opened the file.
        var opens: Bool
        /// The JSON document (valid UTF-8), when it opened.
        var json: Data?
        /// GDAL reported errors (reading pixels, usually): checksums may be wrong.
        var readErrors: Bool
    }

    static let python = "/usr/bin/python3"

    /// Results for `paths` (absolute), by path. Files GDAL needs more than `deadline` s for
    /// count as not opening.
    static func compute(_ paths: [String], deadline: Double = 20) -> [String: Result] {
        if let batch = try? viaPython(paths, deadline: deadline) { return batch }
        var out: [String: Result] = [:]
        for p in paths { out[p] = single(p, deadline: deadline) }
        return out
    }

    /// One file with the `gdalinfo` program.
    static func single(_ path: String, deadline: Double = 20) -> Result {
        guard let gdalinfo = InfoProcess.which("gdalinfo"),
              let r = try? InfoProcess.run(gdalinfo, ["-json", "-checksum", path], environment: ["GDAL_PAM_ENABLED": "NO"],
                                           deadline: deadline),
              r.status == 0, !r.timedOut, !r.signalled
        else { return Result(opens: false, json: nil, readErrors: false) }
        // gdalinfo copies text chunks byte for byte, so its JSON is not always valid UTF-8.
        return Result(opens: true, json: Data(String(decoding: r.stdout, as: UTF8.self).utf8), readErrors: r.stderr.contains("ERROR"))
    }

    /// Three persistent forked workers (forking per file costs ~0.35 s here); a worker that
    /// dies (GDAL crashes on some hostile files) or overruns `deadline` on a file is replaced,
    /// and that file counts as "does not open". The reports are the same as `gdalinfo`'s except
    /// for WKT spelling (PROJ caches inside one process), which is not compared.
    static let script = #"""
    import sys, os, json, select, time
    os.environ["GDAL_PAM_ENABLED"] = "NO"
    from osgeo import gdal
    gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")
    def info(path):
        errors = []
        def handler(cls, no, msg):
            if cls >= gdal.CE_Failure: errors.append(msg)
        gdal.PushErrorHandler(handler)
        try:
            ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
            if ds is None:
                return {"path": path, "opens": False}
            try:
                i = gdal.Info(ds, format="json", computeChecksum=True)
            except UnicodeDecodeError:
                return {"path": path, "opens": True, "fallback": True}
            return {"path": path, "opens": i is not None, "info": i, "readErrors": len(errors) > 0}
        except Exception as e:
            return {"path": path, "opens": False, "exception": str(e)}
        finally:
            gdal.PopErrorHandler()
    parent_fds = []
    def spawn():
        pr, cw = os.pipe()
        cr, pw = os.pipe()
        pid = os.fork()
        if pid == 0:
            for fd in parent_fds + [cw, cr]:
                try: os.close(fd)
                except OSError: pass
            inp = os.fdopen(pr, "r")
            for line in inp:
                data = (json.dumps(info(line.rstrip("\n"))) + "\n").encode()
                while data:
                    data = data[os.write(pw, data):]
            os._exit(0)
        os.close(pr); os.close(pw)
        parent_fds.extend([cw, cr])
        return {"pid": pid, "to": cw, "frm": cr, "buf": b"", "path": None, "start": 0.0}
    def retire(w, kill):
        if kill:
            try: os.kill(w["pid"], 9)
            except OSError: pass
        for fd in (w["to"], w["frm"]):
            try: os.close(fd); parent_fds.remove(fd)
            except (OSError, ValueError): pass
        os.waitpid(w["pid"], 0)
    def emit(r):
        sys.stdout.write(json.dumps(r) + "\n")
        sys.stdout.flush()
    paths = [l.rstrip("\n") for l in sys.stdin if l.strip()]
    deadline = float(sys.argv[1])
    workers = [spawn() for _ in range(3)]
    while paths or any(w["path"] for w in workers):
        for w in workers:
            if w["path"] is None and paths:
                w["path"] = paths.pop(0)
                w["start"] = time.time()
                os.write(w["to"], (w["path"] + "\n").encode())
        busy = [w for w in workers if w["path"]]
        ready, _, _ = select.select([w["frm"] for w in busy], [], [], 0.2)
        for i, w in enumerate(workers):
            if not w["path"]:
                continue
            if w["frm"] in ready:
                data = os.read(w["frm"], 1 << 20)
                if not data:
                    emit({"path": w["path"], "opens": False, "crashed": True})
                    retire(w, False)
                    workers[i] = spawn()
                    continue
                w["buf"] += data
                if b"\n" in w["buf"]:
                    line, w["buf"] = w["buf"].split(b"\n", 1)
                    emit(json.loads(line))
                    w["path"] = None
            elif time.time() - w["start"] > deadline:
                emit({"path": w["path"], "opens": False, "timeout": True})
                retire(w, True)
                workers[i] = spawn()
    for w in workers:
        retire(w, False)
    """#

    static func viaPython(_ paths: [String], deadline: Double) throws -> [String: Result]? {
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let probe = try InfoProcess.run(python, ["-c", "from osgeo import gdal"], deadline: 30)
        guard probe.status == 0 else { return nil }
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("info-gdal-\(UUID().uuidString).txt")
        try (paths.joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: list) }
        let r = try InfoProcess.run("/bin/sh", ["-c", "exec \"$0\" -c \"$1\" \"$2\" < \"$3\"", python, script, String(deadline), list.path],
                                    deadline: 900)
        guard r.status == 0 else { return nil }
        var out: [String: Result] = [:]
        for line in r.stdout.split(separator: UInt8(ascii: "\n")) {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let path = o["path"] as? String else { continue }
            if o["fallback"] as? Bool == true { out[path] = single(path, deadline: deadline); continue }
            let opens = o["opens"] as? Bool ?? false
            let info = (o["info"] as? [String: Any]).flatMap { try? JSONSerialization.data(withJSONObject: $0) }
            out[path] = Result(opens: opens && info != nil, json: info, readErrors: o["readErrors"] as? Bool ?? false)
        }
        guard out.count == paths.count else { return nil }
        return out
    }
}
