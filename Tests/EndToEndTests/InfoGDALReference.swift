import Foundation

/// `gdalinfo -json -checksum` for many files at once, computed once per test run (never
/// stored). Process start-up dominates on this machine (~0.15 s each, serialised), so when
/// GDAL's Python bindings are present one Python process computes `gdal.Info(…,
/// format="json", computeChecksum=True)` — the function behind `gdalinfo -json` — for every
/// file in a forked pool; otherwise each file gets its own `gdalinfo` run.
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
    static func compute(_ paths: [String], deadline: Double = 30) -> [String: Result] {
        if let batch = try? viaPython(paths, deadline: deadline) { return batch }
        var out: [String: Result] = [:]
        for p in paths { out[p] = single(p, deadline: deadline) }
        return out
    }

    /// One file with the `gdalinfo` program.
    static func single(_ path: String, deadline: Double = 30) -> Result {
        guard let gdalinfo = InfoProcess.which("gdalinfo"),
              let r = try? InfoProcess.run(gdalinfo, ["-json", "-checksum", path], environment: ["GDAL_PAM_ENABLED": "NO"],
                                           deadline: deadline),
              r.status == 0, !r.timedOut, !r.signalled
        else { return Result(opens: false, json: nil, readErrors: false) }
        // gdalinfo copies text chunks byte for byte, so its JSON is not always valid UTF-8.
        return Result(opens: true, json: Data(String(decoding: r.stdout, as: UTF8.self).utf8), readErrors: r.stderr.contains("ERROR"))
    }

    /// One forked child per file (no exec), six at a time, each killed after `deadline` s;
    /// a child that dies (GDAL crashes on some hostile files) counts as "does not open".
    static let script = #"""
    import sys, os, json, select, time
    os.environ["GDAL_PAM_ENABLED"] = "NO"
    from osgeo import gdal
    gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")
    def child(path, w):
        errors = []
        def handler(cls, no, msg):
            if cls >= gdal.CE_Failure: errors.append(msg)
        gdal.PushErrorHandler(handler)
        r = {"path": path, "opens": False}
        try:
            ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
            if ds is not None:
                try:
                    info = gdal.Info(ds, format="json", computeChecksum=True)
                    r = {"path": path, "opens": info is not None, "info": info, "readErrors": len(errors) > 0}
                except UnicodeDecodeError:
                    r = {"path": path, "opens": True, "fallback": True}
        except Exception as e:
            r = {"path": path, "opens": False, "exception": str(e)}
        data = json.dumps(r).encode()
        while data:
            n = os.write(w, data)
            data = data[n:]
        os._exit(0)
    paths = [l.rstrip("\n") for l in sys.stdin if l.strip()]
    deadline = float(sys.argv[1])
    running = {}
    def emit(r):
        sys.stdout.write(json.dumps(r) + "\n")
        sys.stdout.flush()
    while paths or running:
        while paths and len(running) < 6:
            p = paths.pop(0)
            rfd, wfd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(rfd)
                child(p, wfd)
            os.close(wfd)
            running[pid] = [p, rfd, time.time(), []]
        ready, _, _ = select.select([v[1] for v in running.values()], [], [], 0.2)
        for pid, v in list(running.items()):
            if v[1] in ready:
                data = os.read(v[1], 1 << 20)
                if data:
                    v[3].append(data)
                    continue
                os.close(v[1])
                _, status = os.waitpid(pid, 0)
                del running[pid]
                try:
                    emit(json.loads(b"".join(v[3])))
                except Exception:
                    emit({"path": v[0], "opens": False, "crashed": status})
            elif time.time() - v[2] > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                os.close(v[1])
                del running[pid]
                emit({"path": v[0], "opens": False, "timeout": True})
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
