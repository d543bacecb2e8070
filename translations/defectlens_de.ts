<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
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
        <source>Defect type</source>
        <translation>Fehlerart</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>Urteil des Modells</translation>
    </message>
    <message>
        <source>Operator review</source>
        <translation>Prüfung durch Bediener</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>verdict %1</source>
        <translation>Urteil %1</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>Kategorie %1</translation>
    </message>
    <message>
        <source>score %1 to %2</source>
        <translation>Score %1 bis %2</translation>
    </message>
    <message>
        <source>the results table&apos;s filter</source>
        <translation>der Filter der Ergebnistabelle</translation>
    </message>
</context>
<context>
    <name>AnnotationStorage</name>
    <message>
        <source>annotation %1 in %2 is not a readable PNG mask (%3); it is kept in the database unchanged</source>
        <translation>Annotation %1 in %2 ist keine lesbare PNG-Maske (%3); sie bleibt unverändert in der Datenbank</translation>
    </message>
    <message>
        <source>annotation %1 in %2 is a %3 mask but the image is %4 pixels; it is kept in the database unchanged</source>
        <translation>Annotation %1 in %2 ist eine %3-Maske, das Bild hat aber %4 Pixel; sie bleibt unverändert in der Datenbank</translation>
    </message>
    <message>
        <source>there is no mask to save</source>
        <translation>es gibt keine Maske zum Speichern</translation>
    </message>
    <message>
        <source>the mask is %1 but the image is %2 pixels; nothing was saved</source>
        <translation>die Maske misst %1, das Bild aber %2 Pixel; es wurde nichts gespeichert</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>MobileNetV2 fast path unavailable for taps %1 (%2); running op by op</source>
        <translation>Schneller Pfad von MobileNetV2 für die Abgriffe %1 nicht verfügbar (%2); Ausführung Operation für Operation</translation>
    </message>
    <message>
        <source>%1: no training checkpoint at %2; training from the start</source>
        <translation>%1: kein Trainings-Checkpoint unter %2; das Training beginnt von vorn</translation>
    </message>
    <message>
        <source>%1: the checkpoint %2 belongs to another fit (method, parameters, backbone or training images differ); training from the start</source>
        <translation>%1: der Checkpoint %2 gehört zu einem anderen Training (Methode, Parameter, Backbone oder Trainingsbilder unterscheiden sich); das Training beginnt von vorn</translation>
    </message>
    <message>
        <source>%1: resuming after epoch %2 from %3</source>
        <translation>%1: Fortsetzung nach Epoche %2 aus %3</translation>
    </message>
    <message>
        <source>feature cache disabled: %1</source>
        <translation>Merkmals-Cache deaktiviert: %1</translation>
    </message>
    <message>
        <source>feature cache write skipped: %1</source>
        <translation>Schreiben in den Merkmals-Cache übersprungen: %1</translation>
    </message>
    <message>
        <source>category &apos;%1&apos; has fewer than 10 normal training images: the threshold is calibrated on training images and will be optimistic</source>
        <translation>Kategorie „%1“ hat weniger als 10 normale Trainingsbilder: der Schwellenwert wird auf Trainingsbildern kalibriert und ist optimistisch</translation>
    </message>
    <message>
        <source>left out of the labelling queue: %1</source>
        <translation>aus der Beschriftungswarteschlange ausgelassen: %1</translation>
    </message>
    <message>
        <source>tiling: %1 normal images -&gt; %2 tiles of %3 px (overlap %4), %5 labelled defect tiles</source>
        <translation>Kacheln: %1 normale Bilder -&gt; %2 Kacheln zu %3 px (Überlappung %4), %5 Kacheln mit markierten Defekten</translation>
    </message>
    <message>
        <source>%1: could not list the watch folder completely: %2</source>
        <translation>%1: der überwachte Ordner konnte nicht vollständig aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>%1: the watched folder was deleted or moved away</source>
        <translation>%1: der überwachte Ordner wurde gelöscht oder verschoben</translation>
    </message>
    <message>
        <source>%1: watching the folder failed: %2</source>
        <translation>%1: Überwachen des Ordners fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>cse: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>cse: keine Validierungsaufteilung (weniger als 5 normale Bilder oder validation_fraction 0); die letzte Epoche wird behalten</translation>
    </message>
    <message>
        <source>cse: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); texture-paste defects fall back to structural ones</source>
        <translation>cse: keine Ausreißer-Texturen gefunden (texture_dir oder DEFECTLENS_TEXTURES_DIR setzen); Textur-Einfügedefekte werden durch strukturelle ersetzt</translation>
    </message>
    <message>
        <source>cse: the time budget allows about %1 of %2 epochs; the learning-rate schedule is fitted to them</source>
        <translation>cse: das Zeitbudget erlaubt etwa %1 von %2 Epochen; der Lernraten-Verlauf wird daran angepasst</translation>
    </message>
    <message>
        <source>cse epoch %1: loss %2 (contrastive %3, decoder %4), %6 s (synthesis + backbone %5 s)</source>
        <translation>cse Epoche %1: Verlust %2 (kontrastiv %3, Decoder %4), %6 s (Synthese + Backbone %5 s)</translation>
    </message>
    <message>
        <source>cse epoch %1: loss %2 (contrastive %3, decoder %4), validation %5 (contrastive %6, decoder %7), %9 s (synthesis + backbone %8 s)</source>
        <translation>cse Epoche %1: Verlust %2 (kontrastiv %3, Decoder %4), Validierung %5 (kontrastiv %6, Decoder %7), %9 s (Synthese + Backbone %8 s)</translation>
    </message>
    <message>
        <source>dmad: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); synthetic defects use structural and blur kinds only and the texture bank is empty</source>
        <translation>dmad: keine Ausreißer-Texturen gefunden (texture_dir oder DEFECTLENS_TEXTURES_DIR setzen); synthetische Defekte nutzen nur Struktur- und Unschärfearten, und die Texturbank bleibt leer</translation>
    </message>
    <message>
        <source>dmad: normal bank %1 (reused), abnormal bank %2 (labelled %3, synthetic %4, centre samples %5, textures %6); best epoch %7 (validation %8); %9 s</source>
        <translation>dmad: Normal-Bank %1 (wiederverwendet), Anomalie-Bank %2 (markiert %3, synthetisch %4, Zentrumsproben %5, Texturen %6); beste Epoche %7 (Validierung %8); %9 s</translation>
    </message>
    <message>
        <source>dmad: normal bank %1, abnormal bank %2 (labelled %3, synthetic %4, centre samples %5, textures %6); best epoch %7 (validation %8); %9 s</source>
        <translation>dmad: Normal-Bank %1, Anomalie-Bank %2 (markiert %3, synthetisch %4, Zentrumsproben %5, Texturen %6); beste Epoche %7 (Validierung %8); %9 s</translation>
    </message>
    <message>
        <source>dskd epoch %1: loss %2, %3 s</source>
        <translation>dskd Epoche %1: Verlust %2, %3 s</translation>
    </message>
    <message>
        <source>dskd epoch %1: loss %2, validation E %3 D %4 (D cosine %5), %6 s</source>
        <translation>dskd Epoche %1: Verlust %2, Validierung E %3 D %4 (D Kosinus %5), %6 s</translation>
    </message>
    <message>
        <source>dskd: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>dskd: keine Validierungsaufteilung (weniger als 5 normale Bilder oder validation_fraction 0); die letzte Epoche wird behalten</translation>
    </message>
    <message>
        <source>dskd: no validation images to weigh the scales by; they are summed equally</source>
        <translation>dskd: keine Validierungsbilder, um die Skalen zu gewichten; sie werden gleich gewichtet summiert</translation>
    </message>
    <message>
        <source>dskd: position explains %1 of the normal images&apos; feature variance: scale weights %2, embedding stride factor %3, map distance %4</source>
        <translation>dskd: die Position erklärt %1 der Merkmalsvarianz der Normalbilder: Skalengewichte %2, Schrittfaktor der Einbettung %3, Abstandsmaß der Karte %4</translation>
    </message>
    <message>
        <source>dskd: %1 training + %2 validation images, %3 student parameters, teacher cached in %4 s</source>
        <translation>dskd: %1 Trainings- + %2 Validierungsbilder, %3 Parameter der Schüler, Lehrer in %4 s zwischengespeichert</translation>
    </message>
    <message>
        <source>patchcore: %1 patches -&gt; memory bank of %2 x %3 (features %4 s, coreset %5 s, index %6 s)</source>
        <translation>patchcore: %1 Patches -&gt; Speicherbank %2 x %3 (Merkmale %4 s, Coreset %5 s, Index %6 s)</translation>
    </message>
    <message>
        <source>realnet: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); texture defects fall back to structural ones</source>
        <translation>realnet: keine Ausreißer-Texturen gefunden (texture_dir oder DEFECTLENS_TEXTURES_DIR setzen); Texturdefekte werden durch strukturelle ersetzt</translation>
    </message>
    <message>
        <source>realnet: SDAS model %1 was trained on &apos;%2&apos;; using it for &apos;%3&apos;</source>
        <translation>realnet: SDAS-Modell %1 wurde auf „%2“ trainiert; es wird für „%3“ verwendet</translation>
    </message>
    <message>
        <source>realnet: %1 SDAS images per category from %2 in %3 s</source>
        <translation>realnet: %1 SDAS-Bilder je Kategorie aus %2 in %3 s</translation>
    </message>
    <message>
        <source>realnet: AFS kept %1 channels, ranked on %2 synthetic anomalies</source>
        <translation>realnet: AFS hat %1 Kanäle behalten, bewertet an %2 synthetischen Anomalien</translation>
    </message>
    <message>
        <source>realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), %6 s (synthesis + backbone %5 s)</source>
        <translation>realnet Epoche %1: Verlust %2 (Segmentierung %3, Rekonstruktion %4), %6 s (Synthese + Backbone %5 s)</translation>
    </message>
    <message>
        <source>realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), validation %5 (segmentation %6), %8 s (synthesis + backbone %7 s)</source>
        <translation>realnet Epoche %1: Verlust %2 (Segmentierung %3, Rekonstruktion %4), Validierung %5 (Segmentierung %6), %8 s (Synthese + Backbone %7 s)</translation>
    </message>
    <message>
        <source>realnet: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>realnet: keine Validierungsaufteilung (weniger als 5 normale Bilder oder validation_fraction 0); die letzte Epoche wird behalten</translation>
    </message>
    <message>
        <source>realnet: %1 training + %2 validation images, %3 parameters, prepared in %4 s (AFS %5 s)</source>
        <translation>realnet: %1 Trainings- + %2 Validierungsbilder, %3 Parameter, vorbereitet in %4 s (AFS %5 s)</translation>
    </message>
    <message>
        <source>sdas: ignoring an unreadable checkpoint (%1); training starts afresh</source>
        <translation>sdas: unlesbarer Checkpoint wird ignoriert (%1); das Training beginnt neu</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: %2; training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas: Checkpoint %1 wird ignoriert: %2; das Training beginnt neu, und der nächste Checkpoint ersetzt ihn</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: it was written for other training parameters or other training images; training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas: Checkpoint %1 wird ignoriert: er wurde für andere Trainingsparameter oder andere Trainingsbilder geschrieben; das Training beginnt neu, und der nächste Checkpoint ersetzt ihn</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: it holds another network layout (&apos;%2&apos; differs); training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas: Checkpoint %1 wird ignoriert: er enthält einen anderen Netzaufbau („%2“ unterscheidet sich); das Training beginnt neu, und der nächste Checkpoint ersetzt ihn</translation>
    </message>
    <message>
        <source>sdas: resuming from iteration %1 (checkpoint %2, %3 min trained before)</source>
        <translation>sdas: Fortsetzung ab Iteration %1 (Checkpoint %2, zuvor %3 min trainiert)</translation>
    </message>
    <message>
        <source>sdas: %1 images (categories: %2) at %3x%3, %4 parameters, loaded in %5 s</source>
        <translation>sdas: %1 Bilder (Kategorien: %2) mit %3x%3, %4 Parameter, geladen in %5 s</translation>
    </message>
    <message>
        <source>sdas iteration %1: loss %2 (%3 it/s)</source>
        <translation>sdas Iteration %1: Verlust %2 (%3 it/s)</translation>
    </message>
    <message>
        <source>sdas: cancelled at iteration %1; the checkpoint %2 holds it, and the same fit resumes from there</source>
        <translation>sdas: bei Iteration %1 abgebrochen; der Checkpoint %2 enthält sie, und dasselbe Training setzt dort fort</translation>
    </message>
    <message>
        <source>sdas: could not remove the checkpoint %1: %2</source>
        <translation>sdas: Checkpoint %1 konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>stlm: the validation pseudo-anomalies cover no whole feature cell; the map is not chosen on them</source>
        <translation>stlm: die Validierungs-Pseudo-Anomalien bedecken keine ganze Merkmalszelle; die Karte wird nicht an ihnen gewählt</translation>
    </message>
    <message>
        <source>stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), %7 s</source>
        <translation>stlm Epoche %1: Verlust %2 (einfach %3, entrauschend %4, Focal %5, L1 %6), %7 s</translation>
    </message>
    <message>
        <source>stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), validation %7 (denoising %8, focal %9, L1 %10), %11 s</source>
        <translation>stlm Epoche %1: Verlust %2 (einfach %3, entrauschend %4, Focal %5, L1 %6), Validierung %7 (entrauschend %8, Focal %9, L1 %10), %11 s</translation>
    </message>
    <message>
        <source>stlm: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>stlm: keine Validierungsaufteilung (weniger als 5 normale Bilder oder validation_fraction 0); die letzte Epoche wird behalten</translation>
    </message>
    <message>
        <source>stlm: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); pseudo-anomalies fall back to structural ones</source>
        <translation>stlm: keine Ausreißer-Texturen gefunden (texture_dir oder DEFECTLENS_TEXTURES_DIR setzen); Pseudo-Anomalien werden durch strukturelle ersetzt</translation>
    </message>
    <message>
        <source>stlm: %1 training + %2 validation images, %3 parameters; teacher ran on %4 images in %5 s, %6 came from the cache</source>
        <translation>stlm: %1 Trainings- + %2 Validierungsbilder, %3 Parameter; der Lehrer lief auf %4 Bildern in %5 s, %6 kamen aus dem Cache</translation>
    </message>
    <message>
        <source>stlm: anomaly map &apos;%1&apos; chosen on the validation images (pixel AUROC fa %2, discrepancy %3, product %4)</source>
        <translation>stlm: Anomaliekarte „%1“ an den Validierungsbildern gewählt (Pixel-AUROC fa %2, Diskrepanz %3, Produkt %4)</translation>
    </message>
    <message>
        <source>the run could not be closed in the database: %1</source>
        <translation>der Lauf konnte in der Datenbank nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <source>the watch run could not be closed in the database: %1</source>
        <translation>der Überwachungslauf konnte in der Datenbank nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <source>%1: the archive folder could not be created: %2; %3 stays in place</source>
        <translation>%1: der Archivordner konnte nicht angelegt werden: %2; %3 bleibt, wo es ist</translation>
    </message>
    <message>
        <source>%1: could not be moved to the archive (%2): %3</source>
        <translation>%1: konnte nicht ins Archiv verschoben werden (%2): %3</translation>
    </message>
    <message>
        <source>watching %1 with %2</source>
        <translation>überwache %1 mit %2</translation>
    </message>
    <message>
        <source>publishing again %1 MQTT messages of an earlier watch of %2 that the broker had not acknowledged</source>
        <translation>%1 MQTT-Nachrichten einer früheren Überwachung von %2, die der Broker nicht bestätigt hatte, werden erneut veröffentlicht</translation>
    </message>
    <message>
        <source>%1 MQTT messages are not acknowledged yet%2; the next watch of this folder publishes them</source>
        <translation>%1 MQTT-Nachrichten sind noch nicht bestätigt%2; die nächste Überwachung dieses Ordners veröffentlicht sie</translation>
    </message>
    <message>
        <source>%1 MQTT messages are not acknowledged yet%2; without a database they are lost to MQTT</source>
        <translation>%1 MQTT-Nachrichten sind noch nicht bestätigt%2; ohne Datenbank gehen sie für MQTT verloren</translation>
    </message>
    <message>
        <source>the active model could not be read; scoring goes on with the current one: %1</source>
        <translation>das aktive Modell konnte nicht gelesen werden; die Bewertung geht mit dem aktuellen weiter: %1</translation>
    </message>
    <message>
        <source>the newly promoted model %1 could not be loaded, so scoring goes on with %2: %3</source>
        <translation>das neu freigegebene Modell %1 konnte nicht geladen werden, daher geht die Bewertung mit %2 weiter: %3</translation>
    </message>
    <message>
        <source>switching from %1 to %2</source>
        <translation>Wechsel von %1 zu %2</translation>
    </message>
    <message>
        <source>%1: gone before it could be inspected</source>
        <translation>%1: verschwunden, bevor es geprüft werden konnte</translation>
    </message>
    <message>
        <source>scoring a batch failed, so its images are scored one by one: %1</source>
        <translation>die Bewertung eines Stapels schlug fehl, daher werden seine Bilder einzeln bewertet: %1</translation>
    </message>
    <message>
        <source>the heatmap could not be saved: %1</source>
        <translation>die Heatmap konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>the results scored before the stop could not be stored: %1</source>
        <translation>die vor dem Abbruch bewerteten Ergebnisse konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>reading the active model: %1</source>
        <translation>Lesen des aktiven Modells: %1</translation>
    </message>
    <message>
        <source>fetching the active model&apos;s bundle: %1</source>
        <translation>Abrufen des Bundles des aktiven Modells: %1</translation>
    </message>
    <message>
        <source>reading the SDAS models of the database: %1</source>
        <translation>Lesen der SDAS-Modelle der Datenbank: %1</translation>
    </message>
    <message>
        <source>cse: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3; bank of %4 centres from %5 embeddings in %6 s</source>
        <translation>cse: %1 Epochen in %2 min (durch das Zeitbudget beendet), Epoche %3 behalten; Bank mit %4 Zentren aus %5 Einbettungen in %6 s</translation>
    </message>
    <message>
        <source>cse: %1 epochs in %2 min, keeping epoch %3; bank of %4 centres from %5 embeddings in %6 s</source>
        <translation>cse: %1 Epochen in %2 min, Epoche %3 behalten; Bank mit %4 Zentren aus %5 Einbettungen in %6 s</translation>
    </message>
    <message>
        <source>dskd: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>dskd: %1 Epochen in %2 min (durch das Zeitbudget beendet), Epoche %3 behalten</translation>
    </message>
    <message>
        <source>dskd: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>dskd: %1 Epochen in %2 min, Epoche %3 behalten</translation>
    </message>
    <message>
        <source>realnet: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>realnet: %1 Epochen in %2 min (durch das Zeitbudget beendet), Epoche %3 behalten</translation>
    </message>
    <message>
        <source>realnet: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>realnet: %1 Epochen in %2 min, Epoche %3 behalten</translation>
    </message>
    <message>
        <source>sdas: %1 iterations (%2 in this run, %3 it/s), stopped by the time budget</source>
        <translation>sdas: %1 Iterationen (%2 in diesem Lauf, %3 it/s), durch das Zeitbudget beendet</translation>
    </message>
    <message>
        <source>sdas: %1 iterations (%2 in this run, %3 it/s)</source>
        <translation>sdas: %1 Iterationen (%2 in diesem Lauf, %3 it/s)</translation>
    </message>
    <message>
        <source>stlm: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>stlm: %1 Epochen in %2 min (durch das Zeitbudget beendet), Epoche %3 behalten</translation>
    </message>
    <message>
        <source>stlm: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>stlm: %1 Epochen in %2 min, Epoche %3 behalten</translation>
    </message>
    <message>
        <source>selecting coreset</source>
        <translation>Coreset wird ausgewählt</translation>
    </message>
    <message>
        <source>training epoch %1/%2</source>
        <translation>Training, Epoche %1/%2</translation>
    </message>
    <message>
        <source>fold %1/%2: %3</source>
        <translation>Fold %1/%2: %3</translation>
    </message>
    <message>
        <source>cross-validation done</source>
        <translation>Kreuzvalidierung abgeschlossen</translation>
    </message>
    <message>
        <source>calibrating threshold</source>
        <translation>Schwellenwert wird kalibriert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>testing %1</source>
        <translation>teste %1</translation>
    </message>
    <message>
        <source>computing metrics for %1</source>
        <translation>Kennzahlen für %1 werden berechnet</translation>
    </message>
    <message>
        <source>ranking images for labelling</source>
        <translation>Bilder werden für die Beschriftung gereiht</translation>
    </message>
    <message>
        <source>cutting training images into tiles</source>
        <translation>Trainingsbilder werden in Kacheln geteilt</translation>
    </message>
    <message>
        <source>embedder trained, bank built</source>
        <translation>Einbetter trainiert, Bank aufgebaut</translation>
    </message>
    <message>
        <source>synthesising validation defects</source>
        <translation>Validierungsdefekte werden synthetisiert</translation>
    </message>
    <message>
        <source>caching backbone features</source>
        <translation>Backbone-Merkmale werden zwischengespeichert</translation>
    </message>
    <message>
        <source>caching validation features</source>
        <translation>Validierungsmerkmale werden zwischengespeichert</translation>
    </message>
    <message>
        <source>building the k-means bank</source>
        <translation>k-Means-Bank wird aufgebaut</translation>
    </message>
    <message>
        <source>measuring whether the images show a surface or an object</source>
        <translation>es wird gemessen, ob die Bilder eine Oberfläche oder ein Objekt zeigen</translation>
    </message>
    <message>
        <source>cse: position explains %1 of the normal images&apos; feature variance: layout %2</source>
        <translation>cse: die Position erklärt %1 der Merkmalsvarianz der Normalbilder: Layout %2</translation>
    </message>
    <message>
        <source>extracting labelled defects</source>
        <translation>markierte Defekte werden extrahiert</translation>
    </message>
    <message>
        <source>transplanting labelled defects</source>
        <translation>markierte Defekte werden übertragen</translation>
    </message>
    <message>
        <source>extracting normal patch features</source>
        <translation>Merkmale normaler Patches werden extrahiert</translation>
    </message>
    <message>
        <source>extracting validation features</source>
        <translation>Validierungsmerkmale werden extrahiert</translation>
    </message>
    <message>
        <source>synthesising defects</source>
        <translation>Defekte werden synthetisiert</translation>
    </message>
    <message>
        <source>extracting outlier textures</source>
        <translation>Ausreißer-Texturen werden extrahiert</translation>
    </message>
    <message>
        <source>retrieving memories for training patches</source>
        <translation>Speichereinträge für Trainings-Patches werden abgerufen</translation>
    </message>
    <message>
        <source>training heads, epoch %1/%2</source>
        <translation>Köpfe werden trainiert, Epoche %1/%2</translation>
    </message>
    <message>
        <source>students trained</source>
        <translation>Schüler trainiert</translation>
    </message>
    <message>
        <source>caching teacher features</source>
        <translation>Lehrermerkmale werden zwischengespeichert</translation>
    </message>
    <message>
        <source>memory bank ready</source>
        <translation>Speicherbank bereit</translation>
    </message>
    <message>
        <source>extracting patch features</source>
        <translation>Patch-Merkmale werden extrahiert</translation>
    </message>
    <message>
        <source>building nearest-neighbour index</source>
        <translation>Index der nächsten Nachbarn wird aufgebaut</translation>
    </message>
    <message>
        <source>reconstruction and segmentation networks trained</source>
        <translation>Rekonstruktions- und Segmentierungsnetze trainiert</translation>
    </message>
    <message>
        <source>selecting features (AFS)</source>
        <translation>Merkmale werden ausgewählt (AFS)</translation>
    </message>
    <message>
        <source>decoding training images</source>
        <translation>Trainingsbilder werden dekodiert</translation>
    </message>
    <message>
        <source>decoding validation images</source>
        <translation>Validierungsbilder werden dekodiert</translation>
    </message>
    <message>
        <source>caching clean features</source>
        <translation>saubere Merkmale werden zwischengespeichert</translation>
    </message>
    <message>
        <source>embedding training images</source>
        <translation>Trainingsbilder werden eingebettet</translation>
    </message>
    <message>
        <source>embedding samples</source>
        <translation>Stichproben werden eingebettet</translation>
    </message>
    <message>
        <source>novelty measured</source>
        <translation>Neuheit gemessen</translation>
    </message>
    <message>
        <source>sampling step %1/%2</source>
        <translation>Abtastschritt %1/%2</translation>
    </message>
    <message>
        <source>sampled</source>
        <translation>abgetastet</translation>
    </message>
    <message>
        <source>loading training images</source>
        <translation>Trainingsbilder werden geladen</translation>
    </message>
    <message>
        <source>training iteration %1</source>
        <translation>Trainingsiteration %1</translation>
    </message>
    <message>
        <source>streams trained</source>
        <translation>Ströme trainiert</translation>
    </message>
    <message>
        <source>teacher features (training)</source>
        <translation>Lehrermerkmale (Training)</translation>
    </message>
    <message>
        <source>teacher features (validation)</source>
        <translation>Lehrermerkmale (Validierung)</translation>
    </message>
    <message>
        <source>scoring the test split</source>
        <translation>Testaufteilung wird bewertet</translation>
    </message>
    <message>
        <source>scoring %1</source>
        <translation>bewerte %1</translation>
    </message>
    <message>
        <source>%1: fast inference path unavailable (%2); running op by op</source>
        <translation>%1: schneller Inferenzpfad nicht verfügbar (%2); Ausführung Operation für Operation</translation>
    </message>
    <message>
        <source>caching labelled defects</source>
        <translation>markierte Defekte werden zwischengespeichert</translation>
    </message>
    <message>
        <source>cse: %1 training + %2 validation images, %3 labelled defects, %4 outlier textures, %5 embedder parameters, backbone cached in %6 s</source>
        <translation>cse: %1 Trainings- + %2 Validierungsbilder, %3 markierte Defekte, %4 Ausreißer-Texturen, %5 Parameter des Einbetters, Backbone in %6 s zwischengespeichert</translation>
    </message>
    <message>
        <source>They join the synthetic defects its embedding learns to set apart from normal images, as they are and transplanted onto other normal images.</source>
        <translation>Sie ergänzen die synthetischen Defekte, die seine Einbettung von fehlerfreien Bildern zu unterscheiden lernt, so wie sie sind und auf andere fehlerfreie Bilder verpflanzt.</translation>
    </message>
    <message>
        <source>They fill its abnormal memory bank and train its scoring heads.</source>
        <translation>Sie füllen seine Defekt-Speicherbank und trainieren seine Bewertungsköpfe.</translation>
    </message>
    <message>
        <source>%1: labelled defect %2 has no defect pixels at %3x%4 px; left out</source>
        <translation>%1: markierter Defekt %2 hat bei %3x%4 px keine Defektpixel; ausgelassen</translation>
    </message>
    <message>
        <source>%1: %2 labelled defects, transplanted onto normal images for %3 % of the anomalies</source>
        <translation>%1: %2 markierte Defekte, für %3 % der Anomalien auf fehlerfreie Bilder verpflanzt</translation>
    </message>
    <message>
        <source>Transplanted onto normal training images, they join the synthetic defects that its feature selection, reconstruction networks and segmentation head learn from.</source>
        <translation>Auf fehlerfreie Trainingsbilder verpflanzt, ergänzen sie die synthetischen Defekte, aus denen seine Merkmalsauswahl, seine Rekonstruktionsnetze und sein Segmentierungskopf lernen.</translation>
    </message>
    <message>
        <source>Transplanted onto normal training images, they join the pseudo-anomalies whose masks its feature-aggregation module learns and that its students learn to see past.</source>
        <translation>Auf fehlerfreie Trainingsbilder verpflanzt, ergänzen sie die Pseudo-Anomalien, deren Masken sein Merkmalsaggregationsmodul lernt und über die seine Schüler hinwegsehen lernen.</translation>
    </message>
</context>
<context>
    <name>dl::ui::AnnotationDocument</name>
    <message>
        <source>Eraser stroke</source>
        <translation>Radiererstrich</translation>
    </message>
    <message>
        <source>Brush stroke</source>
        <translation>Pinselstrich</translation>
    </message>
    <message>
        <source>Erase polygon</source>
        <translation>Polygon radieren</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygon</translation>
    </message>
    <message>
        <source>Erase region</source>
        <translation>Region radieren</translation>
    </message>
    <message>
        <source>Fill region</source>
        <translation>Region füllen</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Maske leeren</translation>
    </message>
</context>
<context>
    <name>dl::ui::AnnotationEditor</name>
    <message>
        <source>x %1, y %2%3</source>
        <translation>x %1, y %2%3</translation>
    </message>
    <message>
        <source> — defect</source>
        <translation> — Defekt</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>&amp;Pinsel</translation>
    </message>
    <message>
        <source>Brush (B): paint the defect; drag with the right button to erase</source>
        <translation>Pinsel (B): den Defekt einzeichnen; mit gedrückter rechter Maustaste ziehen, um zu radieren</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>&amp;Radierer</translation>
    </message>
    <message>
        <source>Eraser (E): remove paint</source>
        <translation>Radierer (E): Bemalung entfernen</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>P&amp;olygon</translation>
    </message>
    <message>
        <source>Polygon (P): click the corners, double-click or Enter to fill, Esc to cancel, Backspace removes the last corner; hold Shift when closing to erase</source>
        <translation>Polygon (P): die Eckpunkte anklicken, Doppelklick oder Enter füllt, Esc bricht ab, Backspace entfernt den letzten Eckpunkt; beim Schließen Shift gedrückt halten, um zu radieren</translation>
    </message>
    <message>
        <source>&amp;Fill</source>
        <translation>&amp;Füllen</translation>
    </message>
    <message>
        <source>Fill (F): fill the enclosed region of the mask under the cursor, e.g. the inside of a painted outline; Shift+click erases a painted region</source>
        <translation>Füllen (F): die umschlossene Region der Maske unter dem Mauszeiger füllen, z. B. das Innere eines gemalten Umrisses; Shift+Klick radiert eine bemalte Region</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Clear the whole mask (can be undone)</source>
        <translation>Die gesamte Maske leeren (kann rückgängig gemacht werden)</translation>
    </message>
    <message>
        <source>&amp;Save mask</source>
        <translation>Maske &amp;speichern</translation>
    </message>
    <message>
        <source>Save the mask, defect type and note to the database as a new annotation (Ctrl+S)</source>
        <translation>Maske, Defekttyp und Notiz als neue Annotation in der Datenbank speichern (Ctrl+S)</translation>
    </message>
    <message>
        <source>Show &amp;mask</source>
        <translation>&amp;Maske anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the painted mask (M)</source>
        <translation>Die eingezeichnete Maske ein- oder ausblenden (M)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the image to the editor (wheel zooms, middle button or Space+drag pans)</source>
        <translation>Das Bild in den Editor einpassen (Mausrad zoomt, mittlere Maustaste oder Space+Ziehen verschiebt)</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>Kleinerer Pinsel</translation>
    </message>
    <message>
        <source>Larger brush</source>
        <translation>Größerer Pinsel</translation>
    </message>
    <message>
        <source>Annotation tools</source>
        <translation>Annotationswerkzeuge</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Brush diameter in image pixels ([ and ] change it)</source>
        <translation>Pinseldurchmesser in Bildpixeln (mit [ und ] ändern)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
    <message>
        <source>Defect &amp;type:</source>
        <translation>Defekt&amp;typ:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>e.g. crack</source>
        <translation>z. B. Riss</translation>
    </message>
    <message>
        <source>What kind of defect the mask shows</source>
        <translation>Welche Art von Defekt die Maske zeigt</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;geöffnet&gt;</translation>
    </message>
    <message>
        <source>Edit history: click a step to go back to it</source>
        <translation>Bearbeitungsverlauf: Klicken Sie auf einen Schritt, um zu ihm zurückzukehren</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>%1 rückgängig machen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>%1 wiederholen</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Unsaved annotation</source>
        <translation>Nicht gespeicherte Annotation</translation>
    </message>
    <message>
        <source>The annotation of %1 has unsaved changes.</source>
        <translation>Die Annotation von %1 enthält nicht gespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>Save them to the database before continuing?</source>
        <translation>Sollen sie vor dem Fortfahren in der Datenbank gespeichert werden?</translation>
    </message>
    <message>
        <source>%1: cannot open the image for annotation: %2</source>
        <translation>%1: Das Bild kann nicht zur Annotation geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Open an image before saving an annotation.</source>
        <translation>Öffnen Sie ein Bild, bevor Sie eine Annotation speichern.</translation>
    </message>
    <message>
        <source>The annotation of %1 was not saved: %2</source>
        <translation>Die Annotation von %1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Open an image (File ▸ Open image, or pick one in the dataset tree), then paint the defect. Masks are saved to %1.</source>
        <translation>Öffnen Sie ein Bild (Datei ▸ Bild öffnen oder eines im Datensatzbaum auswählen) und zeichnen Sie dann den Defekt ein. Masken werden in %1 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Stored annotation #%1 by %2, %3 (%n version(s) in the database).</source>
        <translation>
            <numerusform>Gespeicherte Annotation #%1 von %2, %3 (%n Version in der Datenbank).</numerusform>
            <numerusform>Gespeicherte Annotation #%1 von %2, %3 (%n Versionen in der Datenbank).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not annotated yet.</source>
        <translation>Noch nicht annotiert.</translation>
    </message>
    <message>
        <source>Defect area: %1 pixel(s), %2 % of the image.</source>
        <translation>Defektfläche: %1 Pixel, %2 % des Bildes.</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>Nicht gespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>The stored mask could not be loaded; editing started from an empty mask.</source>
        <translation>Die gespeicherte Maske konnte nicht geladen werden; die Bearbeitung beginnt mit einer leeren Maske.</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>&amp;Heatmap</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s heatmap under the mask (H)</source>
        <translation>Die Heatmap des Modells unter der Maske zeigen oder verbergen (H)</translation>
    </message>
    <message>
        <source>&amp;Ground truth</source>
        <translation>&amp;Referenzmaske</translation>
    </message>
    <message>
        <source>Show or hide the dataset&apos;s ground-truth mask as a dashed outline (G)</source>
        <translation>Die Referenzmaske des Datensatzes als gestrichelte Kontur zeigen oder verbergen (G)</translation>
    </message>
    <message>
        <source>%1: the ground-truth mask cannot be shown: %2</source>
        <translation>%1: Die Referenzmaske kann nicht gezeigt werden: %2</translation>
    </message>
    <message>
        <source>its size differs from the image&apos;s</source>
        <translation>ihre Größe weicht von der des Bildes ab</translation>
    </message>
</context>
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
    <message>
        <source>Compute threads</source>
        <translation>Rechen-Threads</translation>
    </message>
    <message>
        <source>Training %1</source>
        <translation>%1 wird trainiert</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>%1 wird gespeichert</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>%1 wird evaluiert</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>%1 wird geladen</translation>
    </message>
    <message>
        <source>Loading SDAS model %1</source>
        <translation>SDAS-Modell %1 wird geladen</translation>
    </message>
    <message numerus="yes">
        <source>Generating %n image(s)</source>
        <translation>
            <numerusform>%n Bild wird erzeugt</numerusform>
            <numerusform>%n Bilder werden erzeugt</numerusform>
        </translation>
    </message>
    <message>
        <source>Synthesis preview</source>
        <translation>Synthesevorschau</translation>
    </message>
    <message>
        <source>the test set</source>
        <translation>die Testmenge</translation>
    </message>
    <message>
        <source>Inspecting %1</source>
        <translation>Prüfe %1</translation>
    </message>
    <message>
        <source>Cross-validating the threshold of %1</source>
        <translation>Kreuzvalidiere die Schwelle von %1</translation>
    </message>
    <message>
        <source>Ranking images for labelling</source>
        <translation>Bilder für die Annotation werden eingestuft</translation>
    </message>
</context>
<context>
    <name>dl::ui::ImportDialog</name>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>MVTec AD (train/good, test/&lt;defect&gt;, ground_truth)</source>
        <translation>MVTec AD (train/good, test/&lt;Defekt&gt;, ground_truth)</translation>
    </message>
    <message>
        <source>Image + mask folders (one folder per class)</source>
        <translation>Bild- und Maskenordner (ein Ordner pro Klasse)</translation>
    </message>
    <message>
        <source>VisA (split_csv/1cls.csv)</source>
        <translation>VisA (split_csv/1cls.csv)</translation>
    </message>
    <message>
        <source>Plain image folder (normal images only)</source>
        <translation>Einfacher Bildordner (nur normale Bilder)</translation>
    </message>
    <message>
        <source>Auto-detect</source>
        <translation>Automatisch erkennen</translation>
    </message>
    <message>
        <source>Choose a dataset folder.</source>
        <translation>Wählen Sie einen Datensatzordner.</translation>
    </message>
    <message>
        <source>Unexpected error while reading %1: %2</source>
        <translation>Unerwarteter Fehler beim Lesen von %1: %2</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Dataset root folder</source>
        <translation>Stammordner des Datensatzes</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Auto-detect (found: %1)</source>
        <translation>Automatisch erkennen (gefunden: %1)</translation>
    </message>
    <message>
        <source>&amp;Normal class:</source>
        <translation>&amp;Normalklasse:</translation>
    </message>
    <message>
        <source>The class folder that holds the defect-free images</source>
        <translation>Der Klassenordner, der die fehlerfreien Bilder enthält</translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation>&amp;Testanteil:</translation>
    </message>
    <message>
        <source>Share of the normal images held out for testing; every defect image is a test image</source>
        <translation>Anteil der normalen Bilder, der für den Test zurückgehalten wird; jedes Defektbild ist ein Testbild</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Startwert:</translation>
    </message>
    <message>
        <source>Seed of the reproducible train/test split</source>
        <translation>Startwert der reproduzierbaren Aufteilung in Training und Test</translation>
    </message>
    <message>
        <source>Category / split / defect type</source>
        <translation>Kategorie / Aufteilung / Defekttyp</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>A few images of each group</source>
        <translation>Einige Bilder jeder Gruppe</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>Datensatzordner wählen</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Choose a folder to see what it contains.</source>
        <translation>Wählen Sie einen Ordner, um seinen Inhalt zu sehen.</translation>
    </message>
    <message>
        <source>Nothing can be imported from this folder yet.</source>
        <translation>Aus diesem Ordner kann noch nichts importiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>categories: %1</source>
        <translation>Kategorien: %1</translation>
    </message>
    <message>
        <source>Normal class: %1</source>
        <translation>Normalklasse: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be skipped, e.g. %1</source>
        <translation>
            <numerusform>%n Datei wird übersprungen, z. B. %1</numerusform>
            <numerusform>%n Dateien werden übersprungen, z. B. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>O&amp;bject:</source>
        <translation>O&amp;bjekt:</translation>
    </message>
    <message>
        <source>All objects of the csv</source>
        <translation>Alle Objekte der CSV-Datei</translation>
    </message>
    <message>
        <source>Import only this object of split_csv/1cls.csv</source>
        <translation>Nur dieses Objekt aus split_csv/1cls.csv importieren</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>Default: the folder name</source>
        <translation>Standard: der Ordnername</translation>
    </message>
    <message>
        <source>The category name the images are filed under</source>
        <translation>Der Kategoriename, unter dem die Bilder abgelegt werden</translation>
    </message>
</context>
<context>
    <name>dl::ui::LabelQueuePanel</name>
    <message>
        <source>an operator overrode the model here</source>
        <translation>ein Bediener hat das Modell hier korrigiert</translation>
    </message>
    <message>
        <source>%1 normal spreads from the threshold</source>
        <translation>%1 Normalstreuungen von der Schwelle</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>&amp;Rank images</source>
        <translation>Bilder &amp;einstufen</translation>
    </message>
    <message>
        <source>Score the dataset&apos;s test images that are not annotated yet with the loaded model and rank them: operator overrides first, then those nearest the threshold</source>
        <translation>Die noch nicht annotierten Testbilder des Datensatzes mit dem geladenen Modell bewerten und einstufen: zuerst Korrekturen durch Bediener, dann die Bilder nahe der Schwelle</translation>
    </message>
    <message>
        <source>&amp;Open next</source>
        <translation>&amp;Nächstes öffnen</translation>
    </message>
    <message>
        <source>Open the next image of the queue in the annotation editor; saving its mask moves on</source>
        <translation>Das nächste Bild der Warteschlange im Annotationseditor öffnen; das Speichern seiner Maske geht weiter</translation>
    </message>
    <message>
        <source>Ranking the images…</source>
        <translation>Bilder werden eingestuft…</translation>
    </message>
    <message>
        <source>Load a model and a dataset, then rank the images the model is least sure about. Label the defects among them; Retrain with annotations uses them.</source>
        <translation>Laden Sie ein Modell und einen Datensatz und stufen Sie dann die Bilder ein, bei denen das Modell am unsichersten ist. Annotieren Sie die Defekte darunter; „Mit Annotationen neu trainieren“ verwendet sie.</translation>
    </message>
    <message>
        <source>%1 of %2 labelled; ranked with %3 (threshold %4); %5 annotated before are left out.</source>
        <translation>%1 von %2 annotiert; eingestuft mit %3 (Schwelle %4); %5 zuvor annotierte ausgelassen.</translation>
    </message>
</context>
<context>
    <name>dl::ui::LinePanel</name>
    <message>
        <source>Watching %1 with %2</source>
        <translation>Überwache %1 mit %2</translation>
    </message>
    <message>
        <source>Watch folder</source>
        <translation>Überwachter Ordner</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>Archivordner</translation>
    </message>
    <message>
        <source>Choose an existing folder to watch (got &quot;%1&quot;).</source>
        <translation>Wählen Sie einen vorhandenen Ordner zur Überwachung (angegeben: „%1“).</translation>
    </message>
    <message>
        <source>No model is loaded: open a model, or choose the active model.</source>
        <translation>Es ist kein Modell geladen: Öffnen Sie ein Modell oder wählen Sie das aktive Modell.</translation>
    </message>
    <message>
        <source>Line mode records every part: set up a results database first (Settings).</source>
        <translation>Der Linienmodus speichert jedes Teil: Richten Sie zuerst eine Ergebnisdatenbank ein (Einstellungen).</translation>
    </message>
    <message>
        <source>Stopping after the part in hand…</source>
        <translation>Stoppt nach dem aktuellen Teil…</translation>
    </message>
    <message>
        <source>(no image: %1)</source>
        <translation>(kein Bild: %1)</translation>
    </message>
    <message>
        <source>UNREADABLE</source>
        <translation>UNLESBAR</translation>
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
        <source>score %1 (threshold %2)</source>
        <translation>Score %1 (Schwelle %2)</translation>
    </message>
    <message>
        <source>recorded %1 ms after it was written</source>
        <translation>%1 ms nach dem Schreiben gespeichert</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Overridden by the operator</source>
        <translation>Vom Bediener geändert</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Unlesbar</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>Ausbeute</translation>
    </message>
    <message>
        <source>Not watching.</source>
        <translation>Keine Überwachung.</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n part(s) waiting.</source>
        <translation>
            <numerusform>Angehalten: %n Teil wartet.</numerusform>
            <numerusform>Angehalten: %n Teile warten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message numerus="yes">
        <source>Watching with %1; %n part(s) waiting.</source>
        <translation>
            <numerusform>Überwachung mit %1; %n Teil wartet.</numerusform>
            <numerusform>Überwachung mit %1; %n Teile warten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: %n defective part(s) in a row. Check the line.</source>
        <translation>
            <numerusform>ALARM: %n defektes Teil in Folge. Prüfen Sie die Linie.</numerusform>
            <numerusform>ALARM: %n defekte Teile in Folge. Prüfen Sie die Linie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Watch folder:</source>
        <translation>Überwachter Ordner:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Subfolders</source>
        <translation>Unterordner</translation>
    </message>
    <message>
        <source>Archive to:</source>
        <translation>Archivieren nach:</translation>
    </message>
    <message>
        <source>optional: inspected parts are moved here</source>
        <translation>optional: geprüfte Teile werden hierher verschoben</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>The active model (follows promotions)</source>
        <translation>Das aktive Modell (folgt Freigaben)</translation>
    </message>
    <message>
        <source>The loaded model (none loaded)</source>
        <translation>Das geladene Modell (keines geladen)</translation>
    </message>
    <message>
        <source>The loaded model: %1</source>
        <translation>Das geladene Modell: %1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Parts keep arriving and wait until you resume (Space)</source>
        <translation>Teile kommen weiter an und warten, bis Sie fortsetzen (Leertaste)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Alarm after defects in a row:</source>
        <translation>Alarm nach Defekten in Folge:</translation>
    </message>
    <message>
        <source>Acknowledge alarm</source>
        <translation>Alarm quittieren</translation>
    </message>
    <message>
        <source>Accept (OK)</source>
        <translation>Annehmen (OK)</translation>
    </message>
    <message>
        <source>Mark the part shown as OK (A)</source>
        <translation>Das gezeigte Teil als OK markieren (A)</translation>
    </message>
    <message>
        <source>Reject (defect)</source>
        <translation>Zurückweisen (Defekt)</translation>
    </message>
    <message>
        <source>Mark the part shown as defective (R)</source>
        <translation>Das gezeigte Teil als defekt markieren (R)</translation>
    </message>
    <message>
        <source>The newest part appears here with its heatmap.</source>
        <translation>Das neueste Teil erscheint hier mit seiner Heatmap.</translation>
    </message>
    <message>
        <source>Yield (%)</source>
        <translation>Ausbeute (%)</translation>
    </message>
    <message>
        <source>OK share of the last %1 parts</source>
        <translation>OK-Anteil der letzten %1 Teile</translation>
    </message>
    <message>
        <source>The tile overlap (%1 px) must be smaller than the tile size (%2 px).</source>
        <translation>Die Kachelüberlappung (%1 px) muss kleiner als die Kachelgröße (%2 px) sein.</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>List the folder every</source>
        <translation>Ordner auflisten alle</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>never (file events only)</source>
        <translation>nie (nur Dateiereignisse)</translation>
    </message>
    <message>
        <source>For network shares, which announce no new files: also look into the folder this often</source>
        <translation>Für Netzwerkfreigaben, die keine neuen Dateien melden: zusätzlich so oft in den Ordner sehen</translation>
    </message>
    <message>
        <source>Tiles:</source>
        <translation>Kacheln:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>as the model was trained</source>
        <translation>wie das Modell trainiert wurde</translation>
    </message>
    <message>
        <source>Score large images in overlapping tiles of this size at full resolution</source>
        <translation>Große Bilder in überlappenden Kacheln dieser Größe in voller Auflösung bewerten</translation>
    </message>
    <message>
        <source>overlap:</source>
        <translation>Überlappung:</translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation>Veröffentlichen an:</translation>
    </message>
    <message>
        <source>optional: mqtt://broker:1883/line1/verdicts (password and TLS files from DEFECTLENS_MQTT_PASSWORD, _CA, _CERT, _KEY)</source>
        <translation>optional: mqtt://broker:1883/line1/verdicts (Passwort und TLS-Dateien aus DEFECTLENS_MQTT_PASSWORD, _CA, _CERT, _KEY)</translation>
    </message>
</context>
<context>
    <name>dl::ui::LineSession</name>
    <message>
        <source>Line stopped: %1 parts scored, %2 could not be read, %3 already inspected before.</source>
        <translation>Linie gestoppt: %1 Teile bewertet, %2 nicht lesbar, %3 bereits zuvor geprüft.</translation>
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
    <message>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <source>&amp;Annotate defects</source>
        <translation>Defekte &amp;annotieren</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Training and evaluation</source>
        <translation>Training und Evaluierung</translation>
    </message>
    <message>
        <source>Trained %1 in %2 s: %3</source>
        <translation>%1 in %2 s trainiert: %3</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Annotation %1 of %2 saved to %3</source>
        <translation>Annotation %1 von %2 in %3 gespeichert</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Miniaturansichten</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>Anomaly &amp;synthesis preview…</source>
        <translation>Vorschau der Anomalie&amp;synthese…</translation>
    </message>
    <message>
        <source>Generate anomalies with an SDAS model at a chosen strength</source>
        <translation>Anomalien mit einem SDAS-Modell in wählbarer Stärke erzeugen</translation>
    </message>
    <message>
        <source>SDAS model %1 is ready for RealNet&apos;s synthesis and for Tools &gt; Anomaly synthesis preview.</source>
        <translation>Das SDAS-Modell %1 steht für die Synthese von RealNet und unter Werkzeuge &gt; Vorschau der Anomaliesynthese bereit.</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Inspect &amp;folder…</source>
        <translation>&amp;Ordner prüfen…</translation>
    </message>
    <message>
        <source>Score every image of a folder with the loaded model and record the results</source>
        <translation>Jedes Bild eines Ordners mit dem geladenen Modell bewerten und die Ergebnisse speichern</translation>
    </message>
    <message>
        <source>Inspect the &amp;test set</source>
        <translation>&amp;Testmenge prüfen</translation>
    </message>
    <message>
        <source>Score the loaded dataset&apos;s test images with the loaded model and record the results with their metrics</source>
        <translation>Die Testbilder des geladenen Datensatzes mit dem geladenen Modell bewerten und die Ergebnisse mit ihren Kennzahlen speichern</translation>
    </message>
    <message>
        <source>%1 is ready for review; promote it in the Models dock to put it into use.</source>
        <translation>%1 ist zur Prüfung bereit; im Modell-Dock übernehmen, um es einzusetzen.</translation>
    </message>
    <message>
        <source>A report is being written; wait for it or cancel it first.</source>
        <translation>Ein Bericht wird geschrieben; zuerst abwarten oder abbrechen.</translation>
    </message>
    <message>
        <source>Writing the report of run %1…</source>
        <translation>Schreibe den Bericht zu Lauf %1…</translation>
    </message>
    <message>
        <source>Cancelling the report…</source>
        <translation>Bericht wird abgebrochen…</translation>
    </message>
    <message>
        <source>Report of run %1 cancelled; no files written</source>
        <translation>Bericht zu Lauf %1 abgebrochen; keine Dateien geschrieben</translation>
    </message>
    <message>
        <source>Report cancelled</source>
        <translation>Bericht abgebrochen</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Open or train a model first: an inspection scores images with the loaded model.</source>
        <translation>Zuerst ein Modell öffnen oder trainieren: Die Prüfung bewertet Bilder mit dem geladenen Modell.</translation>
    </message>
    <message>
        <source>Open a dataset first: its test images are inspected.</source>
        <translation>Zuerst einen Datensatz öffnen: Seine Testbilder werden geprüft.</translation>
    </message>
    <message>
        <source>Inspecting the test set with %1</source>
        <translation>Prüfe die Testmenge mit %1</translation>
    </message>
    <message>
        <source>Inspecting %1 with %2</source>
        <translation>Prüfe %1 mit %2</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Inspect folder</source>
        <translation>Ordner prüfen</translation>
    </message>
    <message numerus="yes">
        <source>Inspected %n image(s) of %1: %2 defective</source>
        <translation>
            <numerusform>%n Bild von %1 geprüft: %2 fehlerhaft</numerusform>
            <numerusform>%n Bilder von %1 geprüft: %2 fehlerhaft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be scored (see the run&apos;s results)</source>
        <translation>
            <numerusform>%n Datei konnte nicht bewertet werden (siehe die Ergebnisse des Laufs)</numerusform>
            <numerusform>%n Dateien konnten nicht bewertet werden (siehe die Ergebnisse des Laufs)</numerusform>
        </translation>
    </message>
    <message>
        <source>image AUROC %1</source>
        <translation>Bild-AUROC %1</translation>
    </message>
    <message>
        <source>Annotated images could not be marked: %1</source>
        <translation>Annotierte Bilder konnten nicht markiert werden: %1</translation>
    </message>
    <message>
        <source>&amp;Line mode (watch a folder)</source>
        <translation>&amp;Linienmodus (Ordner überwachen)</translation>
    </message>
    <message>
        <source>Score each image as it arrives in a folder, live, and record every part</source>
        <translation>Jedes Bild bewerten, sobald es in einem Ordner ankommt, und jedes Teil speichern</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linie</translation>
    </message>
    <message>
        <source>Result %1 is not shown in the results table (check its filters).</source>
        <translation>Ergebnis %1 wird in der Ergebnistabelle nicht angezeigt (prüfen Sie deren Filter).</translation>
    </message>
    <message>
        <source>&amp;Label next…</source>
        <translation>Als &amp;Nächstes annotieren…</translation>
    </message>
    <message>
        <source>Rank the images the model is least sure about and annotate them in that order</source>
        <translation>Die Bilder einstufen, bei denen das Modell am unsichersten ist, und sie in dieser Reihenfolge annotieren</translation>
    </message>
    <message>
        <source>Label next</source>
        <translation>Als Nächstes annotieren</translation>
    </message>
    <message numerus="yes">
        <source>Label next: %n image(s) ranked</source>
        <translation>
            <numerusform>Als Nächstes annotieren: %n Bild eingestuft</numerusform>
            <numerusform>Als Nächstes annotieren: %n Bilder eingestuft</numerusform>
        </translation>
    </message>
    <message>
        <source>Open or train a model first: it ranks the images.</source>
        <translation>Zuerst ein Modell öffnen oder trainieren: Es stuft die Bilder ein.</translation>
    </message>
    <message>
        <source>Open a dataset first: its test images are ranked.</source>
        <translation>Zuerst einen Datensatz öffnen: Seine Testbilder werden eingestuft.</translation>
    </message>
    <message>
        <source>Open results database on a se&amp;rver…</source>
        <translation>Ergebnisdatenbank auf einem Se&amp;rver öffnen…</translation>
    </message>
    <message>
        <source>Open the PostgreSQL database the line shares (postgresql://user@host/line1)</source>
        <translation>Die gemeinsame PostgreSQL-Datenbank der Linie öffnen (postgresql://user@host/line1)</translation>
    </message>
    <message>
        <source>Open results database on a server</source>
        <translation>Ergebnisdatenbank auf einem Server öffnen</translation>
    </message>
    <message>
        <source>PostgreSQL address, e.g. postgresql://user@host/line1
(the password comes from DEFECTLENS_DB_PASSWORD or ~/.pgpass):</source>
        <translation>PostgreSQL-Adresse, z. B. postgresql://user@host/line1
(das Passwort kommt aus DEFECTLENS_DB_PASSWORD oder ~/.pgpass):</translation>
    </message>
    <message>
        <source>A server database is named by a postgresql:// address, e.g. postgresql://user@host/line1. Open a database file with File ▸ Open results database.</source>
        <translation>Eine Serverdatenbank wird mit einer postgresql://-Adresse angegeben, z. B. postgresql://user@host/line1. Eine Datenbankdatei öffnen Sie über Datei ▸ Ergebnisdatenbank öffnen.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Paint the defect mask of the current image for training (DMAD, CSE, RealNet and STLM learn from it)</source>
        <translation>Die Defektmaske des aktuellen Bildes für das Training einzeichnen (DMAD, CSE, RealNet und STLM lernen daraus)</translation>
    </message>
</context>
<context>
    <name>dl::ui::ModelCompare</name>
    <message>
        <source>Select two models and press Compare.</source>
        <translation>Wählen Sie zwei Modelle aus und klicken Sie auf „Vergleichen“.</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>Falsch-Positiv-Rate</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation>Richtig-Positiv-Rate</translation>
    </message>
    <message>
        <source>False positive rate (pixels)</source>
        <translation>Falsch-Positiv-Rate (Pixel)</translation>
    </message>
    <message>
        <source>Per-region overlap</source>
        <translation>Überlappung pro Region</translation>
    </message>
    <message>
        <source>Image ROC</source>
        <translation>Bild-ROC</translation>
    </message>
    <message>
        <source>Pixel PRO (FPR ≤ 0.3)</source>
        <translation>Pixel-PRO (FPR ≤ 0,3)</translation>
    </message>
    <message>
        <source>Before: %1
After: %2</source>
        <translation>Vorher: %1
Nachher: %2</translation>
    </message>
    <message>
        <source>Evaluating both models on the same test images…</source>
        <translation>Beide Modelle werden auf denselben Testbildern evaluiert…</translation>
    </message>
    <message numerus="yes">
        <source>Both models evaluated on %n test image(s).</source>
        <translation>
            <numerusform>Beide Modelle auf %n Testbild evaluiert.</numerusform>
            <numerusform>Beide Modelle auf %n Testbildern evaluiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>Bild-AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>Pixel-AUROC</translation>
    </message>
    <message>
        <source>AU-PRO</source>
        <translation>AU-PRO</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>Mittlere Präzision</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>before</source>
        <translation>vorher</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nachher</translation>
    </message>
    <message>
        <source>Categ&amp;ory:</source>
        <translation>Kateg&amp;orie:</translation>
    </message>
    <message>
        <source>All categories (mean)</source>
        <translation>Alle Kategorien (Mittelwert)</translation>
    </message>
    <message>
        <source>Promoted</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>&amp;Promote the new model…</source>
        <translation>Neues Modell &amp;übernehmen…</translation>
    </message>
    <message>
        <source>Make the new model the active one (asks for a reason); until then the old model stays in use</source>
        <translation>Das neue Modell zum aktiven machen (fragt nach einer Begründung); bis dahin bleibt das alte Modell im Einsatz</translation>
    </message>
    <message>
        <source>before → after (change)</source>
        <translation>vorher → nachher (Änderung)</translation>
    </message>
    <message>
        <source>Within its images</source>
        <translation>Innerhalb seiner Bilder</translation>
    </message>
    <message>
        <source>Pixel AUROC of the type&apos;s defect pixels against the other pixels of the same images, before → after (change): whether the map finds the defect inside an image, not only which images it flags</source>
        <translation>Pixel-AUROC der Defektpixel des Typs gegen die übrigen Pixel derselben Bilder, vorher → nachher (Änderung): ob die Karte den Defekt im Bild findet, nicht nur welche Bilder sie markiert</translation>
    </message>
    <message>
        <source>C&amp;urves</source>
        <translation>K&amp;urven</translation>
    </message>
    <message>
        <source>By &amp;defect type</source>
        <translation>Nach &amp;Fehlerart</translation>
    </message>
    <message>
        <source>Each defect type against the category&apos;s good images: which kinds of defect the new model finds better or worse</source>
        <translation>Jede Fehlerart gegen die fehlerfreien Bilder der Kategorie: welche Arten von Fehlern das neue Modell besser oder schlechter findet</translation>
    </message>
    <message numerus="yes">
        <source>%n defect image(s); %1 % of the category&apos;s defect pixels</source>
        <translation>
            <numerusform>%n Fehlerbild; %1 % der Fehlerpixel der Kategorie</numerusform>
            <numerusform>%n Fehlerbilder; %1 % der Fehlerpixel der Kategorie</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n defect image(s); no defect pixels in their masks</source>
        <translation>
            <numerusform>%n Fehlerbild; keine Fehlerpixel in seiner Maske</numerusform>
            <numerusform>%n Fehlerbilder; keine Fehlerpixel in ihren Masken</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 score on different scales: their thresholds are not comparable.</source>
        <translation>%1 und %2 bewerten auf verschiedenen Skalen: ihre Schwellenwerte sind nicht vergleichbar.</translation>
    </message>
</context>
<context>
    <name>dl::ui::ModelList</name>
    <message>
        <source>No models yet: train one, or open a results database.</source>
        <translation>Noch keine Modelle: Trainieren Sie eines oder öffnen Sie eine Ergebnisdatenbank.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
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
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Ausgangsmodell</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>Bild-AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>Pixel-AUROC</translation>
    </message>
    <message>
        <source>AU-PRO</source>
        <translation>AU-PRO</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Evaluate the two selected models on the loaded test images</source>
        <translation>Die beiden gewählten Modelle auf den geladenen Testbildern evaluieren</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>Vergleich fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Vergleich abgebrochen.</translation>
    </message>
    <message>
        <source>Active model</source>
        <translation>Aktives Modell</translation>
    </message>
    <message>
        <source>%1 (file missing)</source>
        <translation>%1 (Datei fehlt)</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <source>%1: the model file does not exist any more.</source>
        <translation>%1: Die Modelldatei existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Select exactly two models to compare.</source>
        <translation>Wählen Sie genau zwei Modelle zum Vergleichen aus.</translation>
    </message>
    <message>
        <source>Import the dataset to compare the models on first.</source>
        <translation>Importieren Sie zuerst den Datensatz, auf dem die Modelle verglichen werden sollen.</translation>
    </message>
    <message>
        <source>%1 is not a model of this database, so it was opened without being put into use.</source>
        <translation>%1 ist kein Modell dieser Datenbank; es wurde geöffnet, aber nicht in Betrieb genommen.</translation>
    </message>
    <message>
        <source>Promoted by %1 on %2</source>
        <translation>Übernommen von %1 am %2</translation>
    </message>
    <message>
        <source>%1 is an SDAS synthesis model: it generates anomalies for RealNet (Training dock, Tools &gt; Anomaly synthesis preview) and cannot be put into use as a detector.</source>
        <translation>%1 ist ein SDAS-Synthesemodell: Es erzeugt Anomalien für RealNet (Bereich Training, Werkzeuge &gt; Vorschau der Anomaliesynthese) und kann nicht als Detektor in Gebrauch genommen werden.</translation>
    </message>
    <message>
        <source>&amp;Promote…</source>
        <translation>&amp;Übernehmen…</translation>
    </message>
    <message>
        <source>Put the selected model into use on the line (asks for a reason)</source>
        <translation>Das gewählte Modell an der Linie einsetzen (fragt nach einer Begründung)</translation>
    </message>
    <message>
        <source>%1 was not promoted: a promotion needs a reason.</source>
        <translation>%1 wurde nicht übernommen: Eine Übernahme braucht eine Begründung.</translation>
    </message>
    <message>
        <source>Promote model</source>
        <translation>Modell übernehmen</translation>
    </message>
    <message>
        <source>Put %1 into use on the line?</source>
        <translation>%1 an der Linie einsetzen?</translation>
    </message>
    <message>
        <source>Replace %1 with %2 on the line?</source>
        <translation>%1 an der Linie durch %2 ersetzen?</translation>
    </message>
    <message>
        <source>Every workstation that follows this database switches to it. Your name and the reason are recorded.</source>
        <translation>Jeder Arbeitsplatz, der dieser Datenbank folgt, wechselt darauf. Ihr Name und die Begründung werden gespeichert.</translation>
    </message>
    <message>
        <source>e.g. fewer false rejects on last week&apos;s parts</source>
        <translation>z. B. weniger Fehlausschleusungen bei den Teilen der letzten Woche</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>&amp;Threshold…</source>
        <translation>&amp;Schwelle…</translation>
    </message>
    <message>
        <source>Choose the selected model&apos;s threshold by the share of good parts it may reject</source>
        <translation>Die Schwelle des gewählten Modells nach dem Anteil guter Teile wählen, den es ausschleusen darf</translation>
    </message>
    <message>
        <source>Import the dataset the model was trained on first: its training images are cross-validated.</source>
        <translation>Zuerst den Datensatz importieren, mit dem das Modell trainiert wurde: Seine Trainingsbilder werden kreuzvalidiert.</translation>
    </message>
</context>
<context>
    <name>dl::ui::ReportExportJob</name>
    <message>
        <source>The report was not written.</source>
        <translation>Der Bericht wurde nicht geschrieben.</translation>
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
        <source>image unreadable</source>
        <translation>Bild nicht lesbar</translation>
    </message>
    <message>
        <source>image file missing</source>
        <translation>Bilddatei fehlt</translation>
    </message>
    <message>
        <source>no heatmap stored</source>
        <translation>keine Heatmap gespeichert</translation>
    </message>
    <message>
        <source>heatmap file missing</source>
        <translation>Heatmap-Datei fehlt</translation>
    </message>
    <message>
        <source>heatmap unreadable</source>
        <translation>Heatmap nicht lesbar</translation>
    </message>
    <message>
        <source>%1 — page %2</source>
        <translation>%1 — Seite %2</translation>
    </message>
    <message>
        <source>from the model record</source>
        <translation>aus dem Modelleintrag</translation>
    </message>
    <message>
        <source>from the run&apos;s parameters</source>
        <translation>aus den Parametern des Laufs</translation>
    </message>
    <message>
        <source>%1 of %2 results shown: %3.</source>
        <translation>%1 von %2 Ergebnissen gezeigt: %3.</translation>
    </message>
    <message>
        <source>The run&apos;s one result is listed.</source>
        <translation>Das eine Ergebnis des Laufs ist aufgeführt.</translation>
    </message>
    <message>
        <source>All %1 results of the run are listed.</source>
        <translation>Alle %1 Ergebnisse des Laufs sind aufgeführt.</translation>
    </message>
    <message>
        <source>Only the first %1 results of the run were loaded.</source>
        <translation>Nur die ersten %1 Ergebnisse des Laufs wurden geladen.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Images listed</source>
        <translation>Aufgeführte Bilder</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Heatmaps stored</source>
        <translation>Gespeicherte Heatmaps</translation>
    </message>
    <message>
        <source>%1 of %2; raw maps are coloured from %3 to %4 (the run&apos;s lowest score to 1.25 × the threshold)</source>
        <translation>%1 von %2; Rohkarten sind von %3 bis %4 eingefärbt (niedrigster Score des Laufs bis 1,25 × Schwelle)</translation>
    </message>
    <message>
        <source>Metrics from the labels</source>
        <translation>Kennzahlen aus den Labels</translation>
    </message>
    <message>
        <source>No labels: none of the run&apos;s images is labelled normal or defective.</source>
        <translation>Keine Labels: Kein Bild des Laufs ist als normal oder fehlerhaft gekennzeichnet.</translation>
    </message>
    <message>
        <source>Computed from the %1 labelled of the run&apos;s %2 results, whatever the filter shows.</source>
        <translation>Berechnet aus den %1 gekennzeichneten der %2 Ergebnisse des Laufs, unabhängig vom Filter.</translation>
    </message>
    <message>
        <source>needs normal and defective images</source>
        <translation>braucht normale und fehlerhafte Bilder</translation>
    </message>
    <message>
        <source>Labelled images</source>
        <translation>Gekennzeichnete Bilder</translation>
    </message>
    <message>
        <source>%1 normal, %2 defective</source>
        <translation>%1 normal, %2 fehlerhaft</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>Bild-AUROC</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>Average Precision</translation>
    </message>
    <message>
        <source>At the threshold %1</source>
        <translation>Bei der Schwelle %1</translation>
    </message>
    <message>
        <source>By the model&apos;s verdicts</source>
        <translation>Nach den Urteilen des Modells</translation>
    </message>
    <message>
        <source>%1 defects found, %2 missed, %3 false alarms, %4 normal passed</source>
        <translation>%1 Fehler gefunden, %2 übersehen, %3 Fehlalarme, %4 normal durchgelassen</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Metrics recorded with the model</source>
        <translation>Mit dem Modell gespeicherte Kennzahlen</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>Pixel-AUROC</translation>
    </message>
    <message>
        <source>AUPRO</source>
        <translation>AUPRO</translation>
    </message>
    <message>
        <source>F1 max</source>
        <translation>F1 max</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <source>Training time (s)</source>
        <translation>Trainingszeit (s)</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>Keine gespeichert.</translation>
    </message>
    <message>
        <source>Written by the model&apos;s training and its latest evaluation, not necessarily this run.</source>
        <translation>Vom Training des Modells und seiner letzten Bewertung geschrieben, nicht unbedingt von diesem Lauf.</translation>
    </message>
    <message>
        <source>Parent model</source>
        <translation>Elternmodell</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>Gestartet (UTC)</translation>
    </message>
    <message>
        <source>Finished (UTC)</source>
        <translation>Beendet (UTC)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>Parameter %1</translation>
    </message>
    <message>
        <source>Written %1 UTC from %2.</source>
        <translation>Geschrieben %1 UTC aus %2.</translation>
    </message>
    <message>
        <source>DefectLens report, run #%1</source>
        <translation>DefectLens-Bericht, Lauf #%1</translation>
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
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Überlagert</translation>
    </message>
    <message>
        <source>Image and heatmap side by side, or the heatmap blended over one large image</source>
        <translation>Bild und Heatmap nebeneinander oder die Heatmap über ein großes Bild gelegt</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>Colour map of the anomaly scores</source>
        <translation>Farbskala der Anomaliewerte</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>Deckkraft:</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the image</source>
        <translation>Wie stark die Heatmap das Bild überdeckt</translation>
    </message>
    <message>
        <source>Contour:</source>
        <translation>Kontur:</translation>
    </message>
    <message>
        <source>Regions whose pixel score exceeds this value are outlined; it starts at the model&apos;s threshold</source>
        <translation>Regionen, deren Pixel-Anomaliewert diesen Wert überschreitet, werden umrandet; der Startwert ist der Schwellenwert des Modells</translation>
    </message>
    <message>
        <source>Show heatmap &amp;overlay</source>
        <translation>Heatmap-&amp;Überlagerung anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the anomaly heatmap over the image (O)</source>
        <translation>Die Anomalie-Heatmap über dem Bild ein- oder ausblenden (O)</translation>
    </message>
    <message>
        <source>Image with anomaly heatmap</source>
        <translation>Bild mit Anomalie-Heatmap</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the image: %1 %</source>
        <translation>Wie stark die Heatmap das Bild überdeckt: %1 %</translation>
    </message>
    <message>
        <source>x %1, y %2: pixel score %3 (normalised %4)</source>
        <translation>x %1, y %2: Pixel-Anomaliewert %3 (normiert %4)</translation>
    </message>
    <message>
        <source>x %1, y %2</source>
        <translation>x %1, y %2</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>Bewerte…</translation>
    </message>
    <message>
        <source>%1 (operator)</source>
        <translation>%1 (Bediener)</translation>
    </message>
    <message>
        <source>Set by %1</source>
        <translation>Gesetzt von %1</translation>
    </message>
    <message>
        <source>Model&apos;s verdict: %1</source>
        <translation>Urteil des Modells: %1</translation>
    </message>
    <message>
        <source>The model&apos;s verdict</source>
        <translation>Das Urteil des Modells</translation>
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
    <message>
        <source>Defect type</source>
        <translation>Fehlerart</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>verwaist</translation>
    </message>
    <message>
        <source>The model&apos;s verdict at its threshold</source>
        <translation>Das Urteil des Modells an seiner Schwelle</translation>
    </message>
    <message>
        <source>The operator&apos;s verdict where one was given; it is the one that counts</source>
        <translation>Das Urteil des Bedieners, wo eines abgegeben wurde; es ist das maßgebliche</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
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
        <source>The verdict of %1 was not changed: an override needs a reason.</source>
        <translation>Das Urteil für %1 wurde nicht geändert: Eine Korrektur braucht eine Begründung.</translation>
    </message>
    <message>
        <source>(hidden now: it no longer matches the filter)</source>
        <translation>(jetzt ausgeblendet: passt nicht mehr zum Filter)</translation>
    </message>
    <message>
        <source>Why is %1 %2? The reason is recorded with your name.</source>
        <translation>Warum ist %1 %2? Die Begründung wird mit Ihrem Namen gespeichert.</translation>
    </message>
    <message>
        <source>e.g. dust on the lens, scratch confirmed under the microscope</source>
        <translation>z. B. Staub auf der Linse, Kratzer unter dem Mikroskop bestätigt</translation>
    </message>
    <message>
        <source>The score of %1 could not be recorded: %2</source>
        <translation>Der Score von %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>New results cannot be read from %1 at the moment; trying again.</source>
        <translation>Neue Ergebnisse können derzeit nicht aus %1 gelesen werden; es wird weiter versucht.</translation>
    </message>
</context>
<context>
    <name>dl::ui::SettingsDialog</name>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>Ergebnisdatenbank</translation>
    </message>
    <message>
        <source>DefectLens databases (*.sqlite *.db)</source>
        <translation>DefectLens-Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>Backbone-Gewichte</translation>
    </message>
    <message>
        <source>Backbone weights (*.onnx *.pt)</source>
        <translation>Backbone-Gewichte (*.onnx *.pt)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Datasets folder:</source>
        <translation>&amp;Datensatzordner:</translation>
    </message>
    <message>
        <source>Where Open dataset starts</source>
        <translation>Startordner für „Datensatz öffnen“</translation>
    </message>
    <message>
        <source>&amp;Models folder:</source>
        <translation>&amp;Modellordner:</translation>
    </message>
    <message>
        <source>Where Open model starts</source>
        <translation>Startordner für „Modell öffnen“</translation>
    </message>
    <message>
        <source>Results data&amp;base:</source>
        <translation>&amp;Ergebnisdatenbank:</translation>
    </message>
    <message>
        <source>None: open one with File → Open results database</source>
        <translation>Keine: Öffnen Sie eine über Datei → Ergebnisdatenbank öffnen</translation>
    </message>
    <message>
        <source>&amp;Backbone weights:</source>
        <translation>&amp;Backbone-Gewichte:</translation>
    </message>
    <message>
        <source>Default: the engine&apos;s search ($DEFECTLENS_WEIGHTS, models folders)</source>
        <translation>Standard: Suche der Engine ($DEFECTLENS_WEIGHTS, Modellordner)</translation>
    </message>
    <message>
        <source>Used when loading models; its SHA-256 is still checked against the model</source>
        <translation>Wird beim Laden von Modellen verwendet; ihre SHA-256-Prüfsumme wird weiterhin mit dem Modell abgeglichen</translation>
    </message>
    <message>
        <source>Compute &amp;threads:</source>
        <translation>Rechen-&amp;Threads:</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>Alle Kerne</translation>
    </message>
    <message>
        <source>Threads for the network and the nearest-neighbour search</source>
        <translation>Threads für das Netz und die Nächste-Nachbarn-Suche</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>Desi&amp;gn:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Language and theme change at once; the compute threads apply to the next engine job.</source>
        <translation>Sprache und Design ändern sich sofort; die Rechen-Threads gelten ab dem nächsten Auftrag der Engine.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>Default: the login name (%1)</source>
        <translation>Standard: der Anmeldename (%1)</translation>
    </message>
    <message>
        <source>Recorded with your verdict overrides, annotations and model promotions</source>
        <translation>Wird mit Ihren Urteilskorrekturen, Annotationen und Modellübernahmen gespeichert</translation>
    </message>
    <message>
        <source>Largest &amp;image:</source>
        <translation>Größtes &amp;Bild:</translation>
    </message>
    <message>
        <source>Default (100 MP)</source>
        <translation>Standard (100 MP)</translation>
    </message>
    <message>
        <source>Images with more pixels are refused before decoding: a small compressed file can expand to gigabytes</source>
        <translation>Bilder mit mehr Pixeln werden vor dem Dekodieren abgelehnt: Eine kleine komprimierte Datei kann sich auf Gigabytes ausdehnen</translation>
    </message>
    <message>
        <source>An SQLite file, or postgresql://user@host/line1 for a database the line shares (password from DEFECTLENS_DB_PASSWORD or ~/.pgpass)</source>
        <translation>Eine SQLite-Datei oder postgresql://user@host/line1 für eine gemeinsame Datenbank der Linie (Passwort aus DEFECTLENS_DB_PASSWORD oder ~/.pgpass)</translation>
    </message>
    <message>
        <source>Leave the password out of the address: the settings are stored as plain text. Set DEFECTLENS_DB_PASSWORD or use ~/.pgpass.</source>
        <translation>Lassen Sie das Passwort aus der Adresse weg: Die Einstellungen werden als Klartext gespeichert. Setzen Sie DEFECTLENS_DB_PASSWORD oder verwenden Sie ~/.pgpass.</translation>
    </message>
</context>
<context>
    <name>dl::ui::SynthesisPreview</name>
    <message>
        <source>Generation cancelled.</source>
        <translation>Erzeugung abgebrochen.</translation>
    </message>
    <message>
        <source>Anomaly synthesis preview</source>
        <translation>Vorschau der Anomaliesynthese</translation>
    </message>
    <message>
        <source>SDAS model:</source>
        <translation>SDAS-Modell:</translation>
    </message>
    <message>
        <source>Choose an SDAS model</source>
        <translation>SDAS-Modell wählen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Kategorie:</translation>
    </message>
    <message>
        <source>The model&apos;s first</source>
        <translation>Die erste des Modells</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Stärke:</translation>
    </message>
    <message>
        <source>The anomaly strength s: 0 gives normal-looking parts, larger values stronger anomalies. Moving the slider regenerates with the same seed.</source>
        <translation>Die Anomaliestärke s: 0 ergibt normal aussehende Teile, größere Werte stärkere Anomalien. Das Verschieben des Reglers erzeugt mit demselben Startwert neu.</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Choose an SDAS model (train one in the Training dock) and press Generate.</source>
        <translation>Wählen Sie ein SDAS-Modell (trainieren Sie eines im Bereich Training) und klicken Sie auf Erzeugen.</translation>
    </message>
    <message>
        <source>Choose an SDAS model first: train one in the Training dock (method &quot;SDAS (anomaly synthesis model)&quot;) or pick a .dlm file with Browse…</source>
        <translation>Wählen Sie zuerst ein SDAS-Modell: Trainieren Sie eines im Bereich Training (Methode „SDAS (Anomaliesynthese-Modell)“) oder wählen Sie mit Durchsuchen… eine .dlm-Datei.</translation>
    </message>
    <message>
        <source>The SDAS model %1 does not exist.</source>
        <translation>Das SDAS-Modell %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>Warten auf die Engine…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) at strength %1, seed %2, %3×%3 pixels, generated in %4 s</source>
        <translation>
            <numerusform>%n Bild mit Stärke %1, Startwert %2, %3×%3 Pixel, erzeugt in %4 s</numerusform>
            <numerusform>%n Bilder mit Stärke %1, Startwert %2, %3×%3 Pixel, erzeugt in %4 s</numerusform>
        </translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens-Modelle (*.dlm)</translation>
    </message>
</context>
<context>
    <name>dl::ui::ThresholdDialog</name>
    <message>
        <source>Saved %1 with the threshold %2. It goes into use when you promote it in the model list.</source>
        <translation>%1 mit der Schwelle %2 gespeichert. Es wird eingesetzt, wenn Sie es in der Modellliste übernehmen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Threshold of %1</source>
        <translation>Schwelle von %1</translation>
    </message>
    <message>
        <source>Choose the threshold by the share of good parts it may reject. Every normal training image is scored by a model trained without it (%1-fold cross-validation, as the model was trained), so the estimate rests on all of them, not on a few held-out images.</source>
        <translation>Die Schwelle nach dem Anteil guter Teile wählen, den sie ausschleusen darf. Jedes normale Trainingsbild wird von einem Modell bewertet, das ohne es trainiert wurde (%1-fache Kreuzvalidierung, trainiert wie das Modell); die Schätzung beruht also auf allen, nicht auf wenigen zurückgehaltenen Bildern.</translation>
    </message>
    <message>
        <source>&amp;Target false-reject rate:</source>
        <translation>&amp;Ziel-Fehlausschleusungsrate:</translation>
    </message>
    <message>
        <source>Cross-validate &amp;again</source>
        <translation>&amp;Erneut kreuzvalidieren</translation>
    </message>
    <message>
        <source>&amp;Cross-validate</source>
        <translation>&amp;Kreuzvalidieren</translation>
    </message>
    <message>
        <source>&amp;Save as new model</source>
        <translation>Als neues Modell &amp;speichern</translation>
    </message>
    <message>
        <source>Writes a copy of the model with the chosen threshold; it goes into use when promoted</source>
        <translation>Schreibt eine Kopie des Modells mit der gewählten Schwelle; sie wird eingesetzt, wenn sie übernommen wird</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Image score</source>
        <translation>Bild-Score</translation>
    </message>
    <message>
        <source>Share of images per bin</source>
        <translation>Anteil der Bilder je Klasse</translation>
    </message>
    <message>
        <source>Cross-validation trains %1 models; it takes about %1 times as long as training this one.</source>
        <translation>Die Kreuzvalidierung trainiert %1 Modelle; sie dauert etwa %1-mal so lange wie das Training dieses Modells.</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>Warte auf die Engine…</translation>
    </message>
    <message numerus="yes">
        <source>%n good training image(s) cross-validated in %1 folds.</source>
        <translation>
            <numerusform>%n gutes Trainingsbild in %1 Teilen kreuzvalidiert.</numerusform>
            <numerusform>%n gute Trainingsbilder in %1 Teilen kreuzvalidiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>expected false rejects %1 (95 %: %2 to %3; %4 of %5 good training images)</source>
        <translation>erwartete Fehlausschleusungen %1 (95 %: %2 bis %3; %4 von %5 guten Trainingsbildern)</translation>
    </message>
    <message>
        <source>on the test split: %1 of good parts rejected, %2 of defects caught</source>
        <translation>auf der Testmenge: %1 guter Teile ausgeschleust, %2 der Fehler erkannt</translation>
    </message>
    <message>
        <source>For the target: threshold %1, %2.</source>
        <translation>Für das Ziel: Schwelle %1, %2.</translation>
    </message>
    <message>
        <source>In use: threshold %1 (%2), %3.</source>
        <translation>Im Einsatz: Schwelle %1 (%2), %3.</translation>
    </message>
    <message>
        <source>The threshold in use is expected to reject %1 of good parts, more than the target (%2). Save the chosen threshold as a new model and promote it, or retrain.</source>
        <translation>Die eingesetzte Schwelle schleust voraussichtlich %1 guter Teile aus, mehr als das Ziel (%2). Die gewählte Schwelle als neues Modell speichern und übernehmen, oder neu trainieren.</translation>
    </message>
    <message>
        <source>good, training (cross-validated)</source>
        <translation>gut, Training (kreuzvalidiert)</translation>
    </message>
    <message>
        <source>good, test split</source>
        <translation>gut, Testmenge</translation>
    </message>
    <message>
        <source>defective, test split</source>
        <translation>fehlerhaft, Testmenge</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>im Einsatz</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Speichere %1…</translation>
    </message>
</context>
<context>
    <name>dl::ui::ThumbnailGrid</name>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
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
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Score %1: %2</source>
        <translation>Anomaliewert %1: %2</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>annotiert</translation>
    </message>
    <message>
        <source>No image of the dataset matches the filter.</source>
        <translation>Kein Bild des Datensatzes passt zum Filter.</translation>
    </message>
    <message>
        <source>No dataset open. File → Open dataset folder… shows its images here.</source>
        <translation>Kein Datensatz geöffnet. Datei → Datensatzordner öffnen… zeigt seine Bilder hier.</translation>
    </message>
</context>
<context>
    <name>dl::ui::TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Methode:</translation>
    </message>
    <message>
        <source>Categories of the loaded datasets to train on</source>
        <translation>Kategorien der geladenen Datensätze, auf denen trainiert wird</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>Kategorien:</translation>
    </message>
    <message>
        <source>One unified model for all checked categories</source>
        <translation>Ein gemeinsames Modell für alle ausgewählten Kategorien</translation>
    </message>
    <message>
        <source>Use defects annotated in the database as labelled defects</source>
        <translation>In der Datenbank annotierte Defekte als gelabelte Defekte verwenden</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Retrain with annotations</source>
        <translation>Mit Annotationen &amp;nachtrainieren</translation>
    </message>
    <message>
        <source>Warm-start DMAD from the active model with the defects annotated in the database; the active model stays in use until you promote the new one</source>
        <translation>DMAD per Warmstart vom aktiven Modell aus mit den in der Datenbank annotierten Defekten weitertrainieren; das aktive Modell bleibt in Gebrauch, bis Sie das neue übernehmen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Active model: none</source>
        <translation>Aktives Modell: keines</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is unchanged.</source>
        <translation>Training abgebrochen; das bisherige Modell ist unverändert.</translation>
    </message>
    <message>
        <source>Active model: %1 (%2)</source>
        <translation>Aktives Modell: %1 (%2)</translation>
    </message>
    <message>
        <source>Import a dataset and check at least one category before training.</source>
        <translation>Importieren Sie einen Datensatz und wählen Sie vor dem Training mindestens eine Kategorie aus.</translation>
    </message>
    <message numerus="yes">
        <source>%n categories are checked: check one, or train one unified model.</source>
        <translation>
            <numerusform>%n Kategorie ist ausgewählt: Wählen Sie eine aus oder trainieren Sie ein gemeinsames Modell.</numerusform>
            <numerusform>%n Kategorien sind ausgewählt: Wählen Sie eine aus oder trainieren Sie ein gemeinsames Modell.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import the dataset the annotations belong to before retraining.</source>
        <translation>Importieren Sie vor dem Nachtrainieren den Datensatz, zu dem die Annotationen gehören.</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>Warten auf die Engine…</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch etwa %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2 s)</source>
        <translation>%1 gespeichert (%2 s)</translation>
    </message>
    <message>
        <source>SDAS training cancelled; its checkpoint is kept, and Start with the same categories resumes from it.</source>
        <translation>SDAS-Training abgebrochen; sein Checkpoint bleibt erhalten, und Starten mit denselben Kategorien setzt es dort fort.</translation>
    </message>
    <message>
        <source>SDAS (anomaly synthesis model)</source>
        <translation>SDAS (Anomaliesynthese-Modell)</translation>
    </message>
    <message>
        <source>Synthesis:</source>
        <translation>Synthese:</translation>
    </message>
    <message>
        <source>DTD textures</source>
        <translation>DTD-Texturen</translation>
    </message>
    <message>
        <source>SDAS model</source>
        <translation>SDAS-Modell</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Beides</translation>
    </message>
    <message>
        <source>How RealNet makes the anomalies it learns from: pasted DTD textures, images generated by an SDAS model, or both</source>
        <translation>Wie RealNet die Anomalien erzeugt, aus denen es lernt: eingefügte DTD-Texturen, von einem SDAS-Modell erzeugte Bilder oder beides</translation>
    </message>
    <message>
        <source>SDAS model:</source>
        <translation>SDAS-Modell:</translation>
    </message>
    <message>
        <source>No SDAS model yet</source>
        <translation>Noch kein SDAS-Modell</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose an SDAS model file (.dlm)</source>
        <translation>Eine SDAS-Modelldatei (.dlm) wählen</translation>
    </message>
    <message>
        <source>Trains the diffusion model RealNet&apos;s SDAS synthesis samples anomalies from, on the normal training images; it does not score images. Cancel keeps a checkpoint that the next Start resumes.</source>
        <translation>Trainiert auf den normalen Trainingsbildern das Diffusionsmodell, aus dem die SDAS-Synthese von RealNet Anomalien zieht; es bewertet keine Bilder. Abbrechen behält einen Checkpoint, den der nächste Start fortsetzt.</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>Choose an SDAS model</source>
        <translation>SDAS-Modell wählen</translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens-Modelle (*.dlm)</translation>
    </message>
    <message>
        <source>Start resumes the interrupted SDAS training from its checkpoint %1 (with other parameters it starts afresh).</source>
        <translation>Starten setzt das unterbrochene SDAS-Training an seinem Checkpoint %1 fort (mit anderen Parametern beginnt es neu).</translation>
    </message>
    <message>
        <source>The SDAS parameters are not valid: %1</source>
        <translation>Die SDAS-Parameter sind ungültig: %1</translation>
    </message>
    <message>
        <source>RealNet&apos;s SDAS synthesis needs an SDAS model: train one with the method &quot;SDAS (anomaly synthesis model)&quot;, or choose a .dlm file with Browse…</source>
        <translation>Die SDAS-Synthese von RealNet benötigt ein SDAS-Modell: Trainieren Sie eines mit der Methode „SDAS (Anomaliesynthese-Modell)“ oder wählen Sie mit Durchsuchen… eine .dlm-Datei.</translation>
    </message>
    <message>
        <source>The SDAS model %1 does not exist.</source>
        <translation>Das SDAS-Modell %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Resumed from iteration %1 — %2</source>
        <translation>Fortgesetzt ab Iteration %1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved SDAS model %1 (%n iteration(s), %2 s)</source>
        <translation>
            <numerusform>SDAS-Modell %1 gespeichert (%n Iteration, %2 s)</numerusform>
            <numerusform>SDAS-Modell %1 gespeichert (%n Iterationen, %2 s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved SDAS model %1 (%n iteration(s), %2 s; resumed from iteration %3)</source>
        <translation>
            <numerusform>SDAS-Modell %1 gespeichert (%n Iteration, %2 s; fortgesetzt ab Iteration %3)</numerusform>
            <numerusform>SDAS-Modell %1 gespeichert (%n Iterationen, %2 s; fortgesetzt ab Iteration %3)</numerusform>
        </translation>
    </message>
    <message>
        <source>SDAS learns from normal images only; labelled defects are not used.</source>
        <translation>SDAS lernt nur aus fehlerfreien Bildern; markierte Defekte werden nicht verwendet.</translation>
    </message>
    <message>
        <source>The active model %1 was trained with %2, which does not learn from annotated defects. Train a new DMAD model with the annotations instead? The active model stays in use until you promote the new one.</source>
        <translation>Das aktive Modell %1 wurde mit %2 trainiert, das nicht aus annotierten Fehlern lernt. Stattdessen ein neues DMAD-Modell mit den Annotationen trainieren? Das aktive Modell bleibt im Einsatz, bis Sie das neue übernehmen.</translation>
    </message>
    <message>
        <source>Retrain with annotations</source>
        <translation>Mit Annotationen neu trainieren</translation>
    </message>
    <message>
        <source>No training curve: %1 builds its model in one pass, without epochs.</source>
        <translation>Keine Trainingskurve: %1 baut sein Modell in einem Durchgang, ohne Epochen.</translation>
    </message>
    <message>
        <source>Image size (px):</source>
        <translation>Bildgröße (px):</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Memory bank share:</source>
        <translation>Anteil der Speicherbank:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Time budget per category (min):</source>
        <translation>Zeitbudget je Kategorie (min):</translation>
    </message>
    <message>
        <source>Resolution (px):</source>
        <translation>Auflösung (px):</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>Parameter %1</translation>
    </message>
    <message>
        <source>One model for all categories</source>
        <translation>Ein Modell für alle Kategorien</translation>
    </message>
    <message>
        <source>Use annotated defects</source>
        <translation>Annotierte Defekte verwenden</translation>
    </message>
    <message>
        <source>Tiles (px, 0: whole image):</source>
        <translation>Kacheln (px, 0: ganzes Bild):</translation>
    </message>
    <message>
        <source>Tile overlap (px):</source>
        <translation>Kachelüberlappung (px):</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is unchanged. The completed epochs are kept, and Start with the same method, categories and parameters resumes after them.</source>
        <translation>Training abgebrochen; das bisherige Modell ist unverändert. Die abgeschlossenen Epochen bleiben erhalten, und Start mit derselben Methode, denselben Kategorien und Parametern setzt danach fort.</translation>
    </message>
    <message>
        <source>Start resumes the interrupted training from its checkpoint %1, saved after its last complete epoch (with other parameters or images it starts afresh).</source>
        <translation>Start setzt das unterbrochene Training an seinem Prüfpunkt %1 fort, gespeichert nach seiner letzten vollständigen Epoche (mit anderen Parametern oder Bildern beginnt es neu).</translation>
    </message>
    <message>
        <source>Resumed after epoch %1 — %2</source>
        <translation>Fortgesetzt nach Epoche %1 — %2</translation>
    </message>
    <message>
        <source>%1 learns from labelled defects. %2</source>
        <translation>%1 lernt aus markierten Defekten. %2</translation>
    </message>
    <message>
        <source>%1 does not learn from labelled defects: they only set its decision threshold. Methods that learn from them: %2.</source>
        <translation>%1 lernt nicht aus markierten Defekten: Sie legen nur seine Entscheidungsschwelle fest. Methoden, die aus ihnen lernen: %2.</translation>
    </message>
    <message>
        <source>Retraining needs an active model: activate one in the model list first.</source>
        <translation>Das Nachtrainieren erfordert ein aktives Modell: Aktivieren Sie zuerst eines in der Modellliste.</translation>
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
        <source>Once the dataset is imported, start training a &lt;method&gt; model on it.</source>
        <translation>Nach dem Import des Datensatzes darauf das Training eines &lt;Methode&gt;-Modells starten.</translation>
    </message>
    <message>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Once the dataset is imported, compare two models &lt;before.dlm,after.dlm&gt; on it (annotated images excluded from the test split), offering to promote the second.</source>
        <translation>Nach dem Import des Datensatzes darauf zwei Modelle &lt;vorher.dlm,nachher.dlm&gt; vergleichen (annotierte Bilder werden nicht als Testbilder verwendet) und anbieten, das zweite zu übernehmen.</translation>
    </message>
    <message>
        <source>models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>A training parameter &lt;key=value&gt; for --train (repeatable).</source>
        <translation>Ein Trainingsparameter &lt;Schlüssel=Wert&gt; für --train (wiederholbar).</translation>
    </message>
    <message>
        <source>key=value</source>
        <translation>Schlüssel=Wert</translation>
    </message>
    <message>
        <source>Open the annotation editor at start, on the image given with --image.</source>
        <translation>Beim Start den Annotationseditor für das mit --image angegebene Bild öffnen.</translation>
    </message>
    <message>
        <source>Show the import dialog with a preview of the folder &lt;dir&gt; at start.</source>
        <translation>Beim Start den Importdialog mit einer Vorschau des Ordners &lt;Ordner&gt; anzeigen.</translation>
    </message>
    <message>
        <source>Once the dataset is imported, open Models &gt; Threshold for &lt;model.dlm&gt; and start its cross-validation.</source>
        <translation>Nach dem Import des Datensatzes Modelle &gt; Schwelle für &lt;model.dlm&gt; öffnen und die Kreuzvalidierung starten.</translation>
    </message>
    <message>
        <source>Write the report of run &lt;run&gt; of the --db database to &lt;file.html&gt; (with .csv and .pdf beside it) at start.</source>
        <translation>Beim Start den Bericht zu Lauf &lt;run&gt; der --db-Datenbank nach &lt;file.html&gt; schreiben (.csv und .pdf daneben).</translation>
    </message>
    <message>
        <source>run:file.html</source>
        <translation>lauf:datei.html</translation>
    </message>
    <message>
        <source>--report needs &lt;run&gt;:&lt;file.html&gt;, e.g. 3:report.html</source>
        <translation>--report braucht &lt;run&gt;:&lt;file.html&gt;, z. B. 3:bericht.html</translation>
    </message>
    <message>
        <source>Start Line mode at start, watching the folder &lt;dir&gt;: with --model, with that model; else with the database&apos;s active model, following its promotions.</source>
        <translation>Beim Start den Linienmodus öffnen und den Ordner &lt;dir&gt; überwachen: mit --model mit diesem Modell, sonst mit dem aktiven Modell der Datenbank, das seinen Freigaben folgt.</translation>
    </message>
    <message>
        <source>Open the results database &lt;database&gt; at start: an SQLite file, or postgresql://user@host/line1 for a database the line shares.</source>
        <translation>Beim Start die Ergebnisdatenbank &lt;Datenbank&gt; öffnen: eine SQLite-Datei oder postgresql://user@host/line1 für eine gemeinsame Datenbank der Linie.</translation>
    </message>
    <message>
        <source>database</source>
        <translation>Datenbank</translation>
    </message>
</context>
</TS>
