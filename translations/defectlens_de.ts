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
</context>
</TS>
