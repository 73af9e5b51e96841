import Raster

/// Binary morphology on UInt8 masks (nonzero = set; outputs 0/1).
///
/// Pixels beyond the plane never change the result: dilation treats them as unset,
/// erosion as set (OpenCV's default border), so an object touching the edge is not eaten
/// by the edge. Both elements are separable: a square is a horizontal then a vertical
/// line; a cross is the union (dilation) or intersection (erosion) of the two lines.
/// Lines are OR/AND of shifted rows in `SIMD16<UInt8>`, O(r) per pixel with 16 lanes.
/// `src` and `dst` must not alias.
public enum Morphology {
    public static func dilate(_ src: PlaneView<UInt8>, element: StructuringElement = .square(radius: 1), into dst: PlaneView<UInt8>) {
        run(src, element, dst, dilate: true)
    }

    public static func erode(_ src: PlaneView<UInt8>, element: StructuringElement = .square(radius: 1), into dst: PlaneView<UInt8>) {
        run(src, element, dst, dilate: false)
    }

    /// Erosion then dilation: removes specks smaller than the element.
    public static func open(_ src: PlaneView<UInt8>, element: StructuringElement = .square(radius: 1), into dst: PlaneView<UInt8>) {
        let tmp = PlaneBuffer(width: src.width, height: src.height, sampleType: .uint8)
        tmp.withView(UInt8.self) { t in
            erode(src, element: element, into: t)
            dilate(t, element: element, into: dst)
        }
    }

    /// Dilation then erosion: fills gaps narrower than the element.
    public static func close(_ src: PlaneView<UInt8>, element: StructuringElement = .square(radius: 1), into dst: PlaneView<UInt8>) {
        let tmp = PlaneBuffer(width: src.width, height: src.height, sampleType: .uint8)
        tmp.withView(UInt8.self) { t in
            dilate(src, element: element, into: t)
            erode(t, element: element, into: dst)
        }
    }

    /// Brute-force reference for dilation (`dilate: true`) or erosion, any element.
    public static func scalar(_ src: PlaneView<UInt8>, element: StructuringElement, dilate: Bool, into dst: PlaneView<UInt8>) {
        let r = element.radius
        for y in 0..<src.height {
            for x in 0..<src.width {
                var hit = !dilate
                for dy in -r...r {
                    for dx in -r...r where element.contains(dx: dx, dy: dy) {
                        let xx = x + dx, yy = y + dy
                        guard xx >= 0 && yy >= 0 && xx < src.width && yy < src.height else { continue }
                        let set = src[xx, yy] != 0
                        if dilate && set { hit = true }
                        if !dilate && !set { hit = false }
                    }
                }
                dst[x, y] = hit ? 1 : 0
            }
        }
    }

    static func run(_ src: PlaneView<UInt8>, _ element: StructuringElement, _ dst: PlaneView<UInt8>, dilate: Bool) {
        precondition(src.width == dst.width && src.height == dst.height, "Morphology: size mismatch")
        precondition(element.radius >= 0, "Morphology: negative radius")
        let w = src.width, h = src.height
        guard w > 0 && h > 0 else { return }
        let r = element.radius
        let line = PlaneBuffer(width: w, height: h, sampleType: .uint8)
        line.withView(UInt8.self) { hv in
            // Horizontal line pass into hv.
            let pad = UnsafeMutablePointer<UInt8>.allocate(capacity: w + 2 * r + 16)
            defer { pad.deallocate() }
            let border: UInt8 = dilate ? 0 : 1
            pad.initialize(repeating: border, count: w + 2 * r + 16)
            let one = SIMD16<UInt8>(repeating: 1)
            for y in 0..<h {
                let s = UnsafePointer(src.base + y * src.stride)
                // Copy as 0/1 into the padded row.
                var x = 0
                while x + 16 <= w { SIMDRow.store16(pointwiseMin(SIMDRow.load16(s + x), one), pad + r + x); x += 16 }
                while x < w { pad[r + x] = min(s[x], 1); x += 1 }
                lineOp(UnsafePointer(pad), step: 1, count: 2 * r + 1, dst: hv.base + y * hv.stride, w: w, dilate: dilate)
            }
            switch element {
            case .square:
                verticalPass(hv, dst, r, dilate: dilate)
            case .cross:
                // Vertical line of the source, combined with the horizontal line.
                verticalPass(src, dst, r, dilate: dilate, combine: hv)
            }
        }
    }

    /// dst[x] = OR/AND over k of src[x + k·step] for k in 0..<count, x in 0..<w.
    @inline(__always)
    private static func lineOp(_ p: UnsafePointer<UInt8>, step: Int, count: Int, dst: UnsafeMutablePointer<UInt8>, w: Int, dilate: Bool) {
        var x = 0
        while x + 16 <= w {
            var acc = SIMDRow.load16(p + x)
            for k in 1..<max(count, 1) {
                let v = SIMDRow.load16(p + x + k * step)
                acc = dilate ? (acc | v) : (acc & v)
            }
            SIMDRow.store16(acc, dst + x)
            x += 16
        }
        while x < w {
            var a = p[x]
            for k in 1..<max(count, 1) { a = dilate ? (a | p[x + k * step]) : (a & p[x + k * step]) }
            dst[x] = a
            x += 1
        }
    }

    /// Vertical line of radius r over `src` rows (cut at the plane's edges), optionally
    /// OR-ed (dilation) / AND-ed (erosion) with `combine`.
    private static func verticalPass(_ src: PlaneView<UInt8>, _ dst: PlaneView<UInt8>, _ r: Int, dilate: Bool,
                                     combine: PlaneView<UInt8>? = nil) {
        let w = src.width, h = src.height
        let one = SIMD16<UInt8>(repeating: 1)
        for y in 0..<h {
            let d = dst.base + y * dst.stride
            let y0 = max(0, y - r), y1 = min(h - 1, y + r)
            var x = 0
            while x + 16 <= w {
                var acc = pointwiseMin(SIMDRow.load16(src.base + y0 * src.stride + x), one)
                var yy = y0 + 1
                while yy <= y1 {
                    let v = pointwiseMin(SIMDRow.load16(src.base + yy * src.stride + x), one)
                    acc = dilate ? (acc | v) : (acc & v)
                    yy += 1
                }
                if let combine {
                    let c = SIMDRow.load16(combine.base + y * combine.stride + x)
                    acc = dilate ? (acc | c) : (acc & c)
                }
                SIMDRow.store16(acc, d + x)
                x += 16
            }
            while x < w {
                var a = min(src[x, y0], 1)
                var yy = y0 + 1
                while yy <= y1 { let v = min(src[x, yy], 1); a = dilate ? (a | v) : (a & v); yy += 1 }
                if let combine { a = dilate ? (a | combine[x, y]) : (a & combine[x, y]) }
                d[x] = a
                x += 1
            }
        }
    }
}
