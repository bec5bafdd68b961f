"""The overview: bytes and flows per label, receiver and process, and over time with markers.

The numbers come from `Store.counts_by` and `Store.time_buckets` in a worker (see
`load_overview`); this widget only draws them with QtCharts, themed from the palette.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ui import theme
from ui.purposes import PurposePanel
from ui.qt import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QColor,
    QComboBox,
    QDateTime,
    QDateTimeAxis,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QHorizontalBarSeries,
    QLabel,
    QLineSeries,
    QMargins,
    QPainter,
    QPalette,
    QPen,
    QPointF,
    QScatterSeries,
    QSplitter,
    Qt,
    QValueAxis,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from auditor.store import FlowQuery, Marker, Store

TOP_N = 8
MARKER_TEXT: dict[str, str] = {
    "meeting_start": "meeting start",
    "meeting_end": "meeting end",
    "muted": "muted",
    "unmuted": "unmuted",
    "camera_on": "camera on",
    "camera_off": "camera off",
    "screen_share": "screen share",
    "screen_share_end": "share end",
}


@dataclass(slots=True)
class OverviewData:
    by_label: list[tuple[str, int, int]] = field(default_factory=list)
    by_entity: list[tuple[str, int, int]] = field(default_factory=list)
    by_process: list[tuple[str, int, int]] = field(default_factory=list)
    buckets: list[tuple[float, int, int]] = field(default_factory=list)
    bucket_seconds: float = 60.0
    markers: list[Marker] = field(default_factory=list)
    total_flows: int = 0
    total_bytes: int = 0


def bucket_for(span_seconds: float) -> float:
    """A bucket size that gives the timeline roughly 40-120 points."""
    for size in (1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 86400):
        if span_seconds / size <= 120:
            return float(size)
    return 7 * 86400.0


def load_overview(store: Store, query: FlowQuery, session: str | None) -> OverviewData:
    """Runs in a worker thread."""
    import dataclasses

    q = dataclasses.replace(query)
    data = OverviewData()
    data.by_label = store.counts_by("label", q)
    data.by_entity = store.counts_by("entity", q)
    data.by_process = store.counts_by("process", q)
    kinds = store.counts_by("kind", q)
    data.total_flows = sum(n for _, n, _ in kinds)
    data.total_bytes = sum(b for _, _, b in kinds)
    coarse = store.time_buckets(q, 86400.0)
    if coarse:
        span = coarse[-1][0] + 86400.0 - coarse[0][0]
        fine = store.time_buckets(q, 3600.0) if span > 2 * 86400 else store.time_buckets(q, 60.0)
        span = (fine[-1][0] - fine[0][0]) if len(fine) > 1 else 60.0
        data.bucket_seconds = bucket_for(span)
        data.buckets = store.time_buckets(q, data.bucket_seconds)
    data.markers = store.markers(session)
    if data.buckets and session is None:
        lo, hi = data.buckets[0][0], data.buckets[-1][0] + data.bucket_seconds
        data.markers = [m for m in data.markers if lo <= m.ts <= hi]
    return data


def _style_chart(chart: QChart, pal: QPalette) -> None:
    chart.setTheme(
        QChart.ChartTheme.ChartThemeDark
        if theme.is_dark(pal)
        else QChart.ChartTheme.ChartThemeLight
    )
    chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
    chart.setBackgroundRoundness(4)
    chart.setTitleBrush(pal.color(QPalette.ColorRole.Text))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setLabelColor(pal.color(QPalette.ColorRole.Text))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)


def _style_axis(axis: QValueAxis | QBarCategoryAxis | QDateTimeAxis, pal: QPalette) -> None:
    axis.setLabelsColor(pal.color(QPalette.ColorRole.Text))
    grid = QColor(pal.color(QPalette.ColorRole.Mid))
    grid.setAlpha(90)
    axis.setGridLineColor(grid)
    axis.setLinePenColor(pal.color(QPalette.ColorRole.Mid))


class BarChart(QChartView):
    """Top-N horizontal bars of one dimension (flows or bytes)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.title = title
        self.setMinimumHeight(180)
        self.rows: list[tuple[str, float]] = []
        self.setChart(QChart())
        self.chart().setTitle(title)

    def set_rows(self, rows: list[tuple[str, float]], unit: str, hues: list[int]) -> None:
        self.rows = rows
        pal = self.palette()
        chart = QChart()
        _style_chart(chart, pal)
        chart.setTitle(self.title)
        chart.legend().hide()
        series = QHorizontalBarSeries()
        shown = list(reversed(rows[:TOP_N]))
        bar = QBarSet(unit)
        for _name, value in shown:
            bar.append(value)
        colour = theme.tinted(hues[0] if hues else 212, pal, strong=True)
        bar.setColor(colour)
        bar.setBorderColor(theme.chip_border(hues[0] if hues else 212, pal))
        bar.setLabelColor(pal.color(QPalette.ColorRole.Text))
        series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(6)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([name or "(none)" for name, _ in shown] or [""])
        _style_axis(cats, pal)
        values = QValueAxis()
        values.setLabelFormat("%.0f")
        top = max((v for _, v in shown), default=1.0)
        values.setRange(0, top * 1.22 if top else 1.0)
        values.setTickCount(4)
        values.applyNiceNumbers()
        values.setTitleText(unit)
        values.setTitleBrush(pal.color(QPalette.ColorRole.PlaceholderText))
        _style_axis(values, pal)
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(values)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()


class TimelineChart(QChartView):
    """Flows (or KiB) per time bucket as an area, with each marker as a labelled vertical line and
    the muted stretches shaded, so a person sees what was sent while muted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.marker_series: list[QLineSeries] = []
        # QAreaSeries does not own its boundary series: keep them alive with the chart.
        self._boundaries: list[QLineSeries] = []
        self.setChart(QChart())

    def set_data(self, data: OverviewData, metric: str) -> None:
        pal = self.palette()
        chart = QChart()
        _style_chart(chart, pal)
        chart.setTitle(
            "Over time" + (" — flows" if metric == "flows" else " — KiB sent and received")
        )
        self.marker_series = []
        boundaries: list[QLineSeries] = []
        axis_x = QDateTimeAxis()
        axis_x.setFormat("HH:mm")
        axis_x.setTitleText("")
        _style_axis(axis_x, pal)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        _style_axis(axis_y, pal)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        upper = QLineSeries()
        lower = QLineSeries()
        peak = 1.0
        step = data.bucket_seconds
        points: list[tuple[float, float]] = []
        filled = dict((ts, (flows, nbytes)) for ts, flows, nbytes in data.buckets)
        if data.buckets:
            ts = data.buckets[0][0]
            # Empty buckets are zero, not a slope between their neighbours.
            while ts <= data.buckets[-1][0] and len(points) < 5000:
                flows, nbytes = filled.get(ts, (0, 0))
                value = float(flows) if metric == "flows" else nbytes / 1024.0
                points.append((ts, value))
                peak = max(peak, value)
                ts += step
        # Step shape: each bucket is a flat top over its interval.
        for ts, value in points:
            for x in (ts, ts + step):
                upper.append(QPointF(x * 1000.0, value))
                lower.append(QPointF(x * 1000.0, 0.0))
        boundaries += [upper, lower]
        area = QAreaSeries(upper, lower)
        area.setName("flows" if metric == "flows" else "KiB")
        fill = QColor(theme.tinted(212, pal, strong=True))
        fill.setAlpha(200)
        area.setColor(fill)
        area.setBorderColor(theme.chip_border(212, pal))
        chart.addSeries(area)
        area.attachAxis(axis_x)
        area.attachAxis(axis_y)
        if data.buckets:
            lo = (
                min(data.buckets[0][0], *(m.ts for m in data.markers))
                if data.markers
                else data.buckets[0][0]
            )
            hi = data.buckets[-1][0] + step
            if data.markers:
                hi = max(hi, max(m.ts for m in data.markers))
            pad = (hi - lo) * 0.02 or 30
            axis_x.setRange(
                QDateTime.fromMSecsSinceEpoch(int((lo - pad) * 1000)),
                QDateTime.fromMSecsSinceEpoch(int((hi + pad) * 1000)),
            )
            axis_x.setFormat("HH:mm" if hi - lo < 2 * 86400 else "dd MMM")
        axis_y.setRange(0, peak * 1.25)
        axis_y.setTickCount(5)
        axis_y.applyNiceNumbers()
        axis_y.setLabelFormat("%.0f" if axis_y.max() >= 8 else "%.1f")
        boundaries += self._add_muted_bands(chart, data, axis_x, axis_y, peak * 1.25, pal)
        self._add_markers(chart, data, axis_x, axis_y, peak * 1.25, pal)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()
        self._boundaries = boundaries

    def _add_muted_bands(
        self,
        chart: QChart,
        data: OverviewData,
        axis_x: QDateTimeAxis,
        axis_y: QValueAxis,
        top: float,
        pal: QPalette,
    ) -> list[QLineSeries]:
        start: float | None = None
        kept: list[QLineSeries] = []
        bands: list[tuple[float, float]] = []
        for m in data.markers:
            if m.kind == "muted" and start is None:
                start = m.ts
            elif m.kind in ("unmuted", "meeting_end") and start is not None:
                bands.append((start, m.ts))
                start = None
        if start is not None and data.buckets:
            bands.append((start, data.buckets[-1][0] + data.bucket_seconds))
        for i, (a, b) in enumerate(bands):
            up, low = QLineSeries(), QLineSeries()
            for x in (a, b):
                up.append(QPointF(x * 1000.0, top))
                low.append(QPointF(x * 1000.0, 0.0))
            kept += [up, low]
            band = QAreaSeries(up, low)
            band.setName("muted" if i == 0 else "")
            colour = QColor(theme.tinted(356, pal))
            colour.setAlpha(110)
            band.setColor(colour)
            band.setBorderColor(colour)
            chart.addSeries(band)
            band.attachAxis(axis_x)
            band.attachAxis(axis_y)
            if i > 0:
                for marker in chart.legend().markers(band):
                    marker.setVisible(False)
        return kept

    def _add_markers(
        self,
        chart: QChart,
        data: OverviewData,
        axis_x: QDateTimeAxis,
        axis_y: QValueAxis,
        top: float,
        pal: QPalette,
    ) -> None:
        text = pal.color(QPalette.ColorRole.Text)
        for m in data.markers:
            line = QLineSeries()
            line.append(QPointF(m.ts * 1000.0, 0.0))
            line.append(QPointF(m.ts * 1000.0, top))
            pen = QPen(text)
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(1.2)
            line.setPen(pen)
            label = MARKER_TEXT.get(m.kind, m.kind.replace("_", " "))
            line.setName(f"{theme.clock(m.ts)} {label}")
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
            # The label sits on a single point at the top of the line.
            tip = QScatterSeries()
            tip.append(QPointF(m.ts * 1000.0, top))
            tip.setMarkerSize(6.0)
            tip.setColor(text)
            tip.setBorderColor(text)
            tip.setPointLabelsVisible(True)
            tip.setPointLabelsFormat(label)
            tip.setPointLabelsColor(text)
            tip.setPointLabelsClipping(False)
            chart.addSeries(tip)
            tip.attachAxis(axis_x)
            tip.attachAxis(axis_y)
            for series in (line, tip):
                for legend_marker in chart.legend().markers(series):
                    legend_marker.setVisible(False)
            self.marker_series.append(line)


class OverviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = OverviewData()
        self.filter_note = ""
        self.metric_box = QComboBox(self)
        self.metric_box.setAccessibleName("Chart metric")
        self.metric_box.addItem("Bytes", "bytes")
        self.metric_box.addItem("Flows", "flows")
        self.metric_box.currentIndexChanged.connect(self._redraw)
        self.summary = QLabel("", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("overviewSummary")
        self.labels = BarChart("Data categories", self)
        self.entities = BarChart("Receivers", self)
        self.processes = BarChart("Processes", self)
        self.timeline = TimelineChart(self)
        # The answer to "what may the vendor do with it" comes first (its own widget).
        self.purposes = PurposePanel(self)
        self.timeline.setMinimumHeight(150)
        for chart in (self.labels, self.entities, self.processes):
            chart.setMinimumHeight(140)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Show:", self))
        top.addWidget(self.metric_box)
        grid = QGridLayout()
        grid.addWidget(self.timeline, 0, 0, 1, 3)
        grid.addWidget(self.labels, 1, 0)
        grid.addWidget(self.entities, 1, 1)
        grid.addWidget(self.processes, 1, 2)
        grid.setRowStretch(0, 5)
        grid.setRowStretch(1, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        charts = QWidget(self)
        charts.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.purposes)
        self.split.addWidget(charts)
        self.split.setStretchFactor(0, 4)
        self.split.setStretchFactor(1, 5)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([250, 380])
        layout.addWidget(self.split, 1)

    def set_data(self, data: OverviewData) -> None:
        self.data = data
        self._redraw()

    def changeEvent(self, event: QEvent) -> None:
        # A light/dark switch: the charts' theme and colours come from the palette.
        if event.type() == QEvent.Type.PaletteChange and self.data.total_flows:
            self._redraw()
        super().changeEvent(event)

    def _redraw(self, *_args: object) -> None:
        data = self.data
        metric = self.metric_box.currentData() or "bytes"
        col = 1 if metric == "flows" else 2
        top = max((r[2] for r in (*data.by_label, *data.by_entity, *data.by_process)), default=0)
        scale, unit = 1.0, "flows"
        if metric != "flows":
            scale, unit = next(
                (d, u)
                for d, u in (
                    (1.0, "bytes"),
                    (1024.0, "KiB"),
                    (1024.0**2, "MiB"),
                    (1024.0**3, "GiB"),
                )
                if top / d < 1024 or u == "GiB"
            )

        def rows(items: list[tuple[str, int, int]]) -> list[tuple[str, float]]:
            ordered = sorted(items, key=lambda r: -(r[1] if col == 1 else r[2]))
            return [(k, round((n if col == 1 else b) / scale, 1)) for k, n, b in ordered]

        label_rows = [(theme.label_short(k) if k else k, v) for k, v in rows(data.by_label)]
        self.labels.set_rows(
            label_rows, unit, [theme.label_hue(k) for k, _, _ in data.by_label] or [212]
        )
        self.entities.set_rows(rows(data.by_entity), unit, [28])
        self.processes.set_rows(rows(data.by_process), unit, [186])
        self.timeline.set_data(data, metric)
        self.summary.setText(
            f"{data.total_flows} flows · {theme.human_bytes(data.total_bytes)} · "
            f"{len(data.markers)} markers"
            + (
                f" · only flows matching the filter “{self.filter_note}”"
                if self.filter_note
                else ""
            )
        )

    def set_filter_note(self, text: str) -> None:
        """The flow filter in force: the overview counts only what it lets through."""
        self.filter_note = text
