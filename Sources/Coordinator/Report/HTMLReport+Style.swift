/// The page's only styling, inline. System font stacks only: nothing is fetched.
extension HTMLReport {
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
        margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#222;line-height:1.4}
        h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
        h3{margin:1.2rem 0 .4rem;font-size:1rem}
        .meta{color:#555;margin-top:0}
        nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
        ul.headline li{margin:.25rem 0}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
        .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(30rem,1fr));gap:1rem}
        figure{margin:0}
        svg.plot{width:100%;height:auto;font-family:system-ui,Arial,sans-serif;font-size:11px}
        svg.plot .plot-title{font-size:13px;font-weight:600}
        table{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.9rem}
        th,td{border-bottom:1px solid #e2e2e2;padding:.15rem .6rem;text-align:left;vertical-align:top}
        th{background:#f4f4f4}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .pre{white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem}
        pre{background:#f6f6f6;padding:.8rem;overflow-x:auto;font-size:.85rem}
        @media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}\
        .figures{grid-template-columns:1fr 1fr}figure,table,dl{break-inside:avoid}\
        h2,h3{break-after:avoid}pre{white-space:pre-wrap}}
        """
}
