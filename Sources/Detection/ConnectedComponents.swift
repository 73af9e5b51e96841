import Raster

/// Connected-component labeling of a UInt8 mask (nonzero = foreground) into an Int32
/// label plane: 0 = background, components 1…n numbered in raster-scan order of their
/// first pixel (the order of OpenCV `connectedComponents` and scikit-image `label`).
///
/// Two passes (Wu, Otoo & Suzuki 2009; OpenCV `connectedcomponents.cpp`, `LabelingWu`):
/// 1. Scan rows; each foreground pixel takes a label from its already-scanned neighbours
///    through the decision tree (for 8-connectivity: if the pixel above is set, take its
///    label; else the above-right joins the above-left or left; …), creating a
///    provisional label when none is set and recording equivalences in a
///    ``UnionFind`` whose roots are minimal.
/// 2. Flatten the equivalences to consecutive labels and rewrite the plane, handing
///    each horizontal run to the statistics collector.
///
/// Long empty stretches (open sea) are skipped 16 bytes at a time.
public enum ConnectedComponents {
    /// Labels `mask` into `labels` (same size); returns the number of components.
    @discardableResult
    public static func label(_ mask: PlaneView<UInt8>, connectivity: Connectivity = .eight,
                             into labels: PlaneView<Int32>) -> Int {
        var none = NoStatistics()
        return label(mask, connectivity: connectivity, into: labels, collector: &none)
    }

    /// Labels `mask` and returns the statistics of every component (index i = label i+1).
    /// `intensity` (same size, optional) feeds the intensity statistics.
    public static func blobs(_ mask: PlaneView<UInt8>, connectivity: Connectivity = .eight, intensity: PlaneView<Float>? = nil,
                             pixelArea: Double = 1, labels: PlaneView<Int32>) -> [BlobStatistics] {
        if let intensity { precondition(intensity.width == mask.width && intensity.height == mask.height, "blobs: intensity size") }
        var c = BlobCollector(intensity: intensity, pixelArea: pixelArea)
        label(mask, connectivity: connectivity, into: labels, collector: &c)
        return c.blobs
    }

    /// Labels `mask` into `labels`, feeding every component's runs to `collector`; returns n.
    @discardableResult
    public static func label<C: ComponentCollector>(_ mask: PlaneView<UInt8>, connectivity: Connectivity = .eight,
                                                    into labels: PlaneView<Int32>, collector: inout C) -> Int {
        precondition(mask.width == labels.width && mask.height == labels.height, "label: size mismatch")
        let w = mask.width, h = mask.height
        let uf = UnionFind(capacity: max(64, w * h / 64))
        // Pass 1.
        for y in 0..<h {
            let m = UnsafePointer(mask.base + y * mask.stride)
            let l = labels.base + y * labels.stride
            let up: UnsafeMutablePointer<Int32>? = y > 0 ? labels.base + (y - 1) * labels.stride : nil
            var x = 0
            while x < w {
                if x + 16 <= w && SIMDRow.load16(m + x) == SIMD16<UInt8>(repeating: 0) {
                    UnsafeMutableRawPointer(l + x).initializeMemory(as: Int32.self, repeating: 0, count: 16)
                    x += 16
                    continue
                }
                if m[x] == 0 { l[x] = 0; x += 1; continue }
                let d: Int32 = x > 0 ? l[x - 1] : 0
                var lab: Int32
                if let up {
                    let b = up[x]
                    if connectivity == .eight {
                        let a: Int32 = x > 0 ? up[x - 1] : 0
                        let c: Int32 = x + 1 < w ? up[x + 1] : 0
                        if b != 0 {
                            lab = b
                        } else if c != 0 {
                            if a != 0 { lab = uf.union(c, a) } else if d != 0 { lab = uf.union(c, d) } else { lab = c }
                        } else if a != 0 {
                            lab = a
                        } else if d != 0 {
                            lab = d
                        } else {
                            lab = uf.makeLabel()
                        }
                    } else {
                        if b != 0 {
                            lab = d != 0 ? uf.union(b, d) : b
                        } else if d != 0 {
                            lab = d
                        } else {
                            lab = uf.makeLabel()
                        }
                    }
                } else {
                    lab = d != 0 ? d : uf.makeLabel()
                }
                l[x] = lab
                x += 1
            }
        }
        let n = uf.flatten()
        collector.begin(componentCount: n)
        // Pass 2: final labels and runs.
        let final = uf.parent
        for y in 0..<h {
            let m = UnsafePointer(mask.base + y * mask.stride)
            let l = labels.base + y * labels.stride
            var x = 0
            while x < w {
                if x + 16 <= w && SIMDRow.load16(m + x) == SIMD16<UInt8>(repeating: 0) { x += 16; continue }
                if l[x] == 0 { x += 1; continue }
                let lab = final[Int(l[x])]
                let start = x
                l[x] = lab
                x += 1
                while x < w && l[x] != 0 && final[Int(l[x])] == lab { l[x] = lab; x += 1 }
                collector.addRun(label: lab, row: y, colStart: start, colEnd: x)
            }
        }
        collector.finish()
        return n
    }

    /// Breadth-first flood-fill reference: same output as ``label(_:connectivity:into:)``.
    @discardableResult
    public static func labelFloodFill(_ mask: PlaneView<UInt8>, connectivity: Connectivity = .eight,
                                      into labels: PlaneView<Int32>) -> Int {
        let w = mask.width, h = mask.height
        for y in 0..<h { labels.row(y).update(repeating: 0) }
        var n: Int32 = 0
        var queue: [(Int, Int)] = []
        let offsets: [(Int, Int)] = connectivity == .four
            ? [(1, 0), (-1, 0), (0, 1), (0, -1)]
            : [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
        for y in 0..<h {
            for x in 0..<w where mask[x, y] != 0 && labels[x, y] == 0 {
                n += 1
                labels[x, y] = n
                queue = [(x, y)]
                var i = 0
                while i < queue.count {
                    let (cx, cy) = queue[i]
                    i += 1
                    for (dx, dy) in offsets {
                        let nx = cx + dx, ny = cy + dy
                        if nx >= 0 && ny >= 0 && nx < w && ny < h && mask[nx, ny] != 0 && labels[nx, ny] == 0 {
                            labels[nx, ny] = n
                            queue.append((nx, ny))
                        }
                    }
                }
            }
        }
        return Int(n)
    }
}
