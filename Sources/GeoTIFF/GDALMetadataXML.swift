/// The `<GDALMetadata>` XML GDAL stores in TIFF tag 42112: dataset items and per-band items
/// (`sample="n"`), among them band descriptions (`role="description"`).
struct GDALMetadataXML: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var name: String
        var sample: Int?
        var role: String?
        var domain: String?
        var value: String
    }

    var items: [Item] = []

    /// Dataset-level items of the default domain.
    var datasetItems: [String: String] {
        var d: [String: String] = [:]
        for i in items where i.sample == nil && (i.domain ?? "").isEmpty && i.role == nil { d[i.name] = i.value }
        return d
    }

    /// Description of band `sample` (0-based), if any.
    func description(sample: Int) -> String? {
        items.first { $0.sample == sample && $0.role == "description" }?.value
    }

    /// Parses the few constructs GDAL writes; anything else is skipped, never fatal.
    init(_ text: String) {
        var rest = Substring(text)
        while let open = rest.range(of: "<Item") {
            rest = rest[open.upperBound...]
            guard let tagEnd = rest.firstIndex(of: ">") else { break }
            let attrText = rest[..<tagEnd]
            rest = rest[rest.index(after: tagEnd)...]
            if attrText.hasSuffix("/") { continue }
            guard let close = rest.range(of: "</Item>") else { break }
            let raw = rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            let attrs = Self.attributes(attrText)
            guard let name = attrs["name"] else { continue }
            items.append(Item(name: name, sample: attrs["sample"].flatMap { Int($0) }, role: attrs["role"],
                              domain: attrs["domain"], value: Self.unescape(String(raw))))
        }
    }

    private static func attributes(_ s: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var rest = s
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].trimmingCharacters(in: [" ", "\t", "\n", "\r"])
            var after = rest[rest.index(after: eq)...]
            guard let q = after.first, q == "\"" || q == "'" else { break }
            after = after.dropFirst()
            guard let end = after.firstIndex(of: q) else { break }
            out[key] = unescape(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String { String(self).trimmingCharacters(in: set) }
}
