/**
 * A small fixed corpus for the pooling tests (our own words): three subjects worked on by several authorities, one
 * subject worked on twice by the same authority, and sheets on nothing in common.
 */
import type { SheetText } from './similarity.ts';

function sheet(
  id: number,
  authorityId: number,
  title: string,
  description: string,
  extra: Partial<SheetText> = {},
): SheetText {
  return {
    id,
    authorityId,
    title,
    description,
    data: extra.data ?? '',
    technique: extra.technique ?? '',
    subThemes: extra.subThemes ?? [],
    commonsCategory: extra.commonsCategory ?? null,
  };
}

export const POOLING_CORPUS: SheetText[] = [
  sheet(
    1,
    10,
    'Détection des fuites sur le réseau d’eau potable',
    'Les capteurs de débit et de pression du réseau d’eau potable signalent les fuites ; un modèle repère les anomalies de consommation nocturne.',
    {
      data: 'Relevés des compteurs et des capteurs de pression',
      technique: 'Détection d’anomalies',
      commonsCategory: 'anomaly_detection',
    },
  ),
  sheet(
    2,
    11,
    'Repérer les fuites du réseau d’eau',
    'Analyse des débits nocturnes et des pressions pour localiser les fuites du réseau d’eau potable avant la casse.',
    {
      data: 'Capteurs de pression, compteurs de débit',
      technique: 'Détection d’anomalies',
      commonsCategory: 'anomaly_detection',
    },
  ),
  sheet(
    3,
    12,
    'Fuites d’eau : alerte sur les consommations anormales',
    'Les compteurs communicants remontent la consommation ; les consommations nocturnes anormales révèlent des fuites sur le réseau.',
    { data: 'Compteurs communicants', technique: 'Détection d’anomalies', commonsCategory: 'anomaly_detection' },
  ),
  sheet(
    4,
    11,
    'Transcription automatique des délibérations du conseil municipal',
    'La reconnaissance vocale transcrit les séances du conseil municipal ; les délibérations sont publiées plus vite.',
    {
      data: 'Enregistrements audio des séances',
      technique: 'Reconnaissance de la parole',
      commonsCategory: 'text_extraction',
    },
  ),
  sheet(
    5,
    13,
    'Transcrire les séances du conseil municipal',
    'Transcription des enregistrements des séances du conseil municipal par reconnaissance vocale, relue par les agents avant publication des délibérations.',
    { data: 'Enregistrements audio', technique: 'Reconnaissance de la parole', commonsCategory: 'text_extraction' },
  ),
  sheet(
    6,
    14,
    'Classification des toitures par imagerie aérienne',
    'Les orthophotographies aériennes servent à classer les toitures pour repérer le potentiel solaire des bâtiments.',
    { data: 'Orthophotographies', technique: 'Vision par ordinateur', commonsCategory: 'aerial_shape_classification' },
  ),
  sheet(
    7,
    10,
    'Potentiel solaire des toitures à partir des orthophotographies',
    'Un modèle de vision classe les toitures sur les orthophotographies aériennes et estime le potentiel solaire de chaque bâtiment.',
    {
      data: 'Orthophotographies aériennes',
      technique: 'Vision par ordinateur',
      commonsCategory: 'aerial_shape_classification',
    },
  ),
  // The same subject twice at the same authority: no pooling to suggest.
  sheet(
    8,
    15,
    'Prévision de la fréquentation des piscines municipales',
    'Prévoir la fréquentation des piscines municipales selon la météo et les vacances scolaires pour ajuster les maîtres-nageurs.',
    {
      data: 'Entrées des piscines, météo',
      technique: 'Prévision de séries temporelles',
      commonsCategory: 'forecasting',
    },
  ),
  sheet(
    9,
    15,
    'Fréquentation des piscines : prévision quotidienne',
    'Prévision quotidienne de la fréquentation des piscines municipales à partir de la météo et du calendrier des vacances scolaires.',
    {
      data: 'Entrées des piscines, météo',
      technique: 'Prévision de séries temporelles',
      commonsCategory: 'forecasting',
    },
  ),
  // Alone on their subject.
  sheet(
    10,
    16,
    'Assistant conversationnel pour l’état civil',
    'Un agent conversationnel répond aux questions des usagers sur les actes d’état civil, jour et nuit.',
    { technique: 'Modèle de langue', commonsCategory: 'conversational_assistant' },
  ),
  sheet(
    11,
    17,
    'Optimisation des tournées de collecte des déchets',
    'Calcul des itinéraires des bennes de collecte des ordures ménagères selon le remplissage des bacs.',
    { technique: 'Recherche opérationnelle', commonsCategory: 'optimisation' },
  ),
];
