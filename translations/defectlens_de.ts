<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>dl::ui::DatasetTree</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
</context>
<context>
    <name>dl::ui::EngineBridge</name>
    <message>
        <source>Importing dataset %1</source>
        <translation>Datensatz %1 wird importiert</translation>
    </message>
    <message>
        <source>Dataset import</source>
        <translation>Datensatzimport</translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation>Modell %1 wird geladen</translation>
    </message>
    <message>
        <source>Model loading</source>
        <translation>Laden des Modells</translation>
    </message>
    <message>
        <source>Decoding %1</source>
        <translation>%1 wird dekodiert</translation>
    </message>
    <message>
        <source>Scoring %1</source>
        <translation>%1 wird bewertet</translation>
    </message>
    <message>
        <source>Rendering heatmap</source>
        <translation>Heatmap wird erstellt</translation>
    </message>
    <message>
        <source>Image scoring</source>
        <translation>Bildbewertung</translation>
    </message>
    <message>
        <source>Unexpected engine error: %1</source>
        <translation>Unerwarteter Fehler in der Engine: %1</translation>
    </message>
</context>
<context>
    <name>dl::ui::MainWindow</name>
    <message>
        <source>DefectLens</source>
        <translation>DefectLens</translation>
    </message>
    <message>
        <source>DefectLens %1 ready.</source>
        <translation>DefectLens %1 ist bereit.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;dataset folder…</source>
        <translation>&amp;Datensatzordner öffnen…</translation>
    </message>
    <message>
        <source>Import a dataset folder (MVTec AD, VisA, image/mask folders or plain images)</source>
        <translation>Einen Datensatzordner importieren (MVTec AD, VisA, Bild-/Maskenordner oder einfache Bildordner)</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <source>Load a trained DefectLens model bundle (.dlm)</source>
        <translation>Ein trainiertes DefectLens-Modellpaket (.dlm) laden</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>&amp;Bild öffnen…</translation>
    </message>
    <message>
        <source>Score an image file with the loaded model</source>
        <translation>Eine Bilddatei mit dem geladenen Modell bewerten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About DefectLens</source>
        <translation>&amp;Über DefectLens</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Opening dataset %1</source>
        <translation>Datensatz %1 wird geöffnet</translation>
    </message>
    <message>
        <source>Opening model %1</source>
        <translation>Modell %1 wird geöffnet</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>Datensatzordner öffnen</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens-Modelle (*.dlm)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <source>About DefectLens</source>
        <translation>Über DefectLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DefectLens %1&lt;/h3&gt;&lt;p&gt;A workstation for visual anomaly detection in industrial inspection: train detectors on images of good parts, then find and localise defects.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch and OpenCV.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DefectLens %1&lt;/h3&gt;&lt;p&gt;Ein Arbeitsplatz für die visuelle Anomalieerkennung in der industriellen Prüfung: Detektoren mit Bildern fehlerfreier Teile trainieren, dann Defekte finden und lokalisieren.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, LibTorch und OpenCV.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — DefectLens</source>
        <translation>%1 — DefectLens</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 (format: %2, categories: %3): %n image(s)</source>
        <translation>
            <numerusform>%1 importiert (Format: %2, Kategorien: %3): %n Bild</numerusform>
            <numerusform>%1 importiert (Format: %2, Kategorien: %3): %n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped during import</source>
        <translation>
            <numerusform>%n Datei beim Import übersprungen</numerusform>
            <numerusform>%n Dateien beim Import übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dataset imported: %n image(s)</source>
        <translation>
            <numerusform>Datensatz importiert: %n Bild</numerusform>
            <numerusform>Datensatz importiert: %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>Model: %1 (%2), threshold %3</source>
        <translation>Modell: %1 (%2), Schwellenwert %3</translation>
    </message>
    <message>
        <source>Loaded model %1: method %2, categories %3, threshold %4 (%5)</source>
        <translation>Modell %1 geladen: Methode %2, Kategorien %3, Schwellenwert %4 (%5)</translation>
    </message>
    <message>
        <source>%1: score %2, %3</source>
        <translation>%1: Anomaliewert %2, %3</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>DEFEKT</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <source>debug: </source>
        <translation>Debug: </translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>error: </source>
        <translation>Fehler: </translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Open results &amp;database…</source>
        <translation>&amp;Ergebnisdatenbank öffnen…</translation>
    </message>
    <message>
        <source>Review the results recorded by defectlens-cli test/predict --db</source>
        <translation>Die von defectlens-cli test/predict --db aufgezeichneten Ergebnisse prüfen</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Write the selected run&apos;s report as HTML, CSV and PDF</source>
        <translation>Den Bericht des gewählten Laufs als HTML, CSV und PDF schreiben</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>Ergebnisdatenbank</translation>
    </message>
    <message>
        <source>Open results database</source>
        <translation>Ergebnisdatenbank öffnen</translation>
    </message>
    <message>
        <source>Opened results database %1</source>
        <translation>Ergebnisdatenbank %1 geöffnet</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Report of run %1 written to %2.html, .csv and .pdf</source>
        <translation>Bericht von Lauf %1 nach %2.html, .csv und .pdf geschrieben</translation>
    </message>
    <message>
        <source>Report written: %1.html</source>
        <translation>Bericht geschrieben: %1.html</translation>
    </message>
    <message>
        <source>DefectLens databases (*.sqlite *.db)</source>
        <translation>DefectLens-Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Choose a run in the results table first.</source>
        <translation>Wählen Sie zuerst einen Lauf in der Ergebnistabelle.</translation>
    </message>
    <message>
        <source>HTML report, with CSV and PDF beside it (*.html)</source>
        <translation>HTML-Bericht, daneben CSV und PDF (*.html)</translation>
    </message>
</context>
<context>
    <name>dl::ui::ReportExporter</name>
    <message>
        <source>Run %1 does not exist in %2</source>
        <translation>Lauf %1 existiert nicht in %2</translation>
    </message>
    <message>
        <source>DefectLens inspection report — run #%1</source>
        <translation>DefectLens-Prüfbericht — Lauf #%1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>#%1 %2, %3</source>
        <translation>#%1 %2, %3</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Model verdict OK</source>
        <translation>Modellurteil OK</translation>
    </message>
    <message>
        <source>Model verdict defect</source>
        <translation>Modellurteil Defekt</translation>
    </message>
    <message>
        <source>Operator overrides</source>
        <translation>Korrekturen durch Bediener</translation>
    </message>
    <message>
        <source>Final OK</source>
        <translation>Endergebnis OK</translation>
    </message>
    <message>
        <source>Final defect</source>
        <translation>Endergebnis Defekt</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Bundle checksum (SHA-256)</source>
        <translation>Paket-Prüfsumme (SHA-256)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>The run&apos;s model is not recorded in the database.</source>
        <translation>Das Modell des Laufs ist nicht in der Datenbank erfasst.</translation>
    </message>
    <message>
        <source>Model bundle %1 (not recorded in the database).</source>
        <translation>Modellpaket %1 (nicht in der Datenbank erfasst).</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>Modellurteil</translation>
    </message>
    <message>
        <source>Operator verdict</source>
        <translation>Bedienerurteil</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultView</name>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>anomal</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Anomaly heatmap</source>
        <translation>Anomalie-Heatmap</translation>
    </message>
    <message>
        <source>Select an image to see its anomaly heatmap.</source>
        <translation>Wählen Sie ein Bild aus, um seine Anomalie-Heatmap zu sehen.</translation>
    </message>
    <message>
        <source>Open a model (File → Open model…) to see anomaly heatmaps.</source>
        <translation>Öffnen Sie ein Modell (Datei → Modell öffnen…), um Anomalie-Heatmaps zu sehen.</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Open an image, or select one in the dataset tree.</source>
        <translation>Öffnen Sie ein Bild oder wählen Sie eines im Datensatzbaum aus.</translation>
    </message>
    <message>
        <source>Score %1 (threshold %2)</source>
        <translation>Anomaliewert %1 (Schwellenwert %2)</translation>
    </message>
    <message>
        <source>Network time: %1 ms</source>
        <translation>Rechenzeit des Netzes: %1 ms</translation>
    </message>
    <message>
        <source>Not scored: no model loaded</source>
        <translation>Nicht bewertet: kein Modell geladen</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>DEFEKT</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultsModel</name>
    <message>
        <source>Defect</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Overridden at %1</source>
        <translation>Korrigiert am %1</translation>
    </message>
    <message>
        <source>Scored at %1</source>
        <translation>Bewertet am %1</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>Modellurteil</translation>
    </message>
    <message>
        <source>Operator verdict</source>
        <translation>Bedienerurteil</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultsTable</name>
    <message>
        <source>All verdicts</source>
        <translation>Alle Urteile</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>The operator&apos;s verdict where overridden, else the model&apos;s</source>
        <translation>Das Urteil des Bedieners, falls korrigiert, sonst das des Modells</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Lauf:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Kategorie:</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>Urteil:</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>Score:</translation>
    </message>
    <message>
        <source>&amp;Accept (OK)</source>
        <translation>&amp;Annehmen (OK)</translation>
    </message>
    <message>
        <source>Mark the selected image as OK (A)</source>
        <translation>Das gewählte Bild als OK markieren (A)</translation>
    </message>
    <message>
        <source>&amp;Reject (defect)</source>
        <translation>&amp;Zurückweisen (Defekt)</translation>
    </message>
    <message>
        <source>Mark the selected image as defective (R)</source>
        <translation>Das gewählte Bild als defekt markieren (R)</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>Alle Läufe</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>#%1 %2, %3 (%4)</source>
        <translation>#%1 %2, %3 (%4)</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n result(s)</source>
        <translation>
            <numerusform>%1 von %n Ergebnis</numerusform>
            <numerusform>%1 von %n Ergebnissen</numerusform>
        </translation>
    </message>
    <message>
        <source>(first %1 loaded)</source>
        <translation>(erste %1 geladen)</translation>
    </message>
    <message>
        <source>%1 marked %2</source>
        <translation>%1 als %2 markiert</translation>
    </message>
    <message>
        <source>Accept as OK</source>
        <translation>Als OK annehmen</translation>
    </message>
    <message>
        <source>Reject as defect</source>
        <translation>Als Defekt zurückweisen</translation>
    </message>
    <message>
        <source>Reason for the override:</source>
        <translation>Begründung der Korrektur:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DefectLens: visual anomaly detection for industrial inspection</source>
        <translation>DefectLens: visuelle Anomalieerkennung für die industrielle Prüfung</translation>
    </message>
    <message>
        <source>Import the dataset folder &lt;dir&gt; at start.</source>
        <translation>Beim Start den Datensatzordner &lt;Ordner&gt; importieren.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Load the model bundle &lt;model&gt; at start.</source>
        <translation>Beim Start das Modellpaket &lt;Modell&gt; laden.</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Score the image &lt;file&gt; at start.</source>
        <translation>Beim Start das Bild &lt;Datei&gt; bewerten.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Open the results database &lt;file&gt; at start.</source>
        <translation>Beim Start die Ergebnisdatenbank &lt;file&gt; öffnen.</translation>
    </message>
</context>
</TS>
