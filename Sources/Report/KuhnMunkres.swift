/// The Hungarian algorithm (Kuhn 1955, Munkres 1957) in the O(n²·m) shortest-augmenting-
/// path form with potentials (Jonker–Volgenant style, as in e-maxx "Hungarian algorithm").
/// Minimizes the total cost of assigning every row to a distinct column.
public enum KuhnMunkres {
    /// For an `n × m` cost matrix (row-major, `cost[i*m + j]`), the column assigned to each
    /// row (`nil` when `n > m` leaves a row out). Costs must be finite.
    public static func assign(cost: [Double], rows n: Int, columns m: Int) -> [Int?] {
        precondition(cost.count == n * m, "cost matrix size")
        if n == 0 { return [] }
        if m == 0 { return Array(repeating: nil, count: n) }
        if n > m {
            // Solve the transpose so rows ≤ columns.
            var t = [Double](repeating: 0, count: n * m)
            for i in 0..<n { for j in 0..<m { t[j * n + i] = cost[i * m + j] } }
            let colOfRow = assign(cost: t, rows: m, columns: n)
            var out = [Int?](repeating: nil, count: n)
            for (j, i) in colOfRow.enumerated() { if let i { out[i] = j } }
            return out
        }
        // 1-based arrays as in the classic formulation; index 0 is the virtual row/column.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1)  // p[j]: row assigned to column j
        var way = [Int](repeating: 0, count: m + 1)
        var minv = [Double](repeating: 0, count: m + 1)
        var used = [Bool](repeating: false, count: m + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            for j in 0...m { minv[j] = .infinity; used[j] = false }
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...m where !used[j] {
                    let cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...m {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var out = [Int?](repeating: nil, count: n)
        for j in 1...m where p[j] != 0 { out[p[j] - 1] = j - 1 }
        return out
    }
}
