import type { Choice, Question } from "./types";
import type { Measure } from "./scoring";

/**
 * The practice's form library (docs/product.md, Forms: library), seeded once. Item wording and answer scales of PHQ-9 and
 * GAD-7 are the standard instruments' (Pfizer, free to use without permission).
 */
export type LibraryTemplate = {
  key: string;
  title: string;
  description: string;
  measure?: Measure;
  questions: Question[];
};

const FREQUENCY: Choice[] = [
  { value: "0", label: "Not at all" },
  { value: "1", label: "Several days" },
  { value: "2", label: "More than half the days" },
  { value: "3", label: "Nearly every day" },
];

const DIFFICULTY: Choice[] = [
  { value: "not", label: "Not difficult at all" },
  { value: "somewhat", label: "Somewhat difficult" },
  { value: "very", label: "Very difficult" },
  { value: "extremely", label: "Extremely difficult" },
];

const PHQ9_ITEMS = [
  "Little interest or pleasure in doing things",
  "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much",
  "Feeling tired or having little energy",
  "Poor appetite or overeating",
  "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
  "Trouble concentrating on things, such as reading the newspaper or watching television",
  "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
  "Thoughts that you would be better off dead or of hurting yourself in some way",
];

const GAD7_ITEMS = [
  "Feeling nervous, anxious, or on edge",
  "Not being able to stop or control worrying",
  "Worrying too much about different things",
  "Trouble relaxing",
  "Being so restless that it is hard to sit still",
  "Becoming easily annoyed or irritable",
  "Feeling afraid, as if something awful might happen",
];

const measureItems = (measure: Measure, items: string[]): Question[] =>
  items.map((label, i) => ({
    id: `${measure}_${i + 1}`,
    type: "single_choice",
    label: `${i + 1}. ${label}`,
    required: true,
    options: FREQUENCY,
  }));

const signature = (id: string): Question => ({ id, type: "signature", label: "Signature", required: true });

export const LIBRARY: LibraryTemplate[] = [
  {
    key: "intake",
    title: "Intake questionnaire",
    description: "About you, who to contact in an emergency, and what brings you to therapy.",
    questions: [
      { id: "h_contact", type: "heading", label: "Contact information" },
      { id: "legal_name", type: "short_text", label: "Full legal name", required: true },
      { id: "preferred_name", type: "short_text", label: "Preferred name" },
      { id: "dob", type: "date", label: "Date of birth", required: true },
      { id: "phone", type: "short_text", label: "Phone number", required: true },
      { id: "address", type: "long_text", label: "Home address" },
      { id: "ok_to_leave_message", type: "yes_no", label: "May we leave a voicemail at this number?", required: true },
      { id: "h_emergency", type: "heading", label: "Emergency contact" },
      { id: "emergency_name", type: "short_text", label: "Emergency contact name", required: true },
      { id: "emergency_relationship", type: "short_text", label: "Relationship to you", required: true },
      { id: "emergency_phone", type: "short_text", label: "Emergency contact phone", required: true },
      { id: "h_reasons", type: "heading", label: "Reasons for seeking care" },
      { id: "reasons", type: "long_text", label: "What brings you to therapy now?", required: true },
      {
        id: "concerns",
        type: "multi_choice",
        label: "Which of these are you experiencing? (choose any)",
        options: [
          { value: "anxiety", label: "Anxiety or worry" },
          { value: "depression", label: "Low mood or depression" },
          { value: "relationships", label: "Relationship difficulties" },
          { value: "stress", label: "Stress at work or school" },
          { value: "grief", label: "Grief or loss" },
          { value: "sleep", label: "Sleep problems" },
          { value: "other", label: "Something else" },
        ],
      },
      {
        id: "distress",
        type: "scale",
        label: "How much are these concerns affecting your daily life?",
        min: 0,
        max: 10,
        minLabel: "Not at all",
        maxLabel: "Extremely",
        required: true,
      },
      { id: "h_history", type: "heading", label: "History" },
      { id: "prior_therapy", type: "yes_no", label: "Have you been in counseling or therapy before?", required: true },
      { id: "history", type: "long_text", label: "Medical or mental health history you would like us to know about" },
      { id: "h_meds", type: "heading", label: "Medications" },
      {
        id: "medications",
        type: "long_text",
        label: "Medications you take now (name and dose)",
        help: "Write “none” if you take none.",
        required: true,
      },
      { id: "prescriber", type: "short_text", label: "Prescribing doctor, if any" },
    ],
  },
  {
    key: "consent",
    title: "Consent for treatment",
    description: "Your agreement to begin counseling services.",
    questions: [
      {
        id: "info",
        type: "info",
        label:
          "I voluntarily agree to receive counseling services from this practice. I understand the limits of confidentiality, the practice's cancellation policy, and that I may end treatment at any time. I have had the chance to ask questions about these terms.",
      },
      {
        id: "agree",
        type: "yes_no",
        label: "I have read and understand this consent for treatment, and I agree to it",
        required: true,
        mustAgree: true,
      },
      signature("signature"),
    ],
  },
  {
    key: "npp",
    title: "Notice of privacy practices acknowledgement",
    description: "Confirms you received the practice's notice of privacy practices.",
    questions: [
      {
        id: "info",
        type: "info",
        label:
          "The Notice of Privacy Practices describes how health information about you may be used and disclosed and how you can get access to it. A copy is available from the office at any time.",
      },
      {
        id: "received",
        type: "yes_no",
        label: "I received the Notice of Privacy Practices",
        required: true,
        mustAgree: true,
      },
      signature("signature"),
    ],
  },
  {
    key: "phq9",
    title: "PHQ-9",
    description:
      "Patient Health Questionnaire: over the last 2 weeks, how often have you been bothered by any of the following problems?",
    measure: "phq9",
    questions: [
      {
        id: "intro",
        type: "info",
        label: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
      },
      ...measureItems("phq9", PHQ9_ITEMS),
      {
        id: "phq9_difficulty",
        type: "single_choice",
        label:
          "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
        options: DIFFICULTY,
      },
    ],
  },
  {
    key: "gad7",
    title: "GAD-7",
    description:
      "Generalized Anxiety Disorder scale: over the last 2 weeks, how often have you been bothered by the following problems?",
    measure: "gad7",
    questions: [
      {
        id: "intro",
        type: "info",
        label: "Over the last 2 weeks, how often have you been bothered by the following problems?",
      },
      ...measureItems("gad7", GAD7_ITEMS),
      {
        id: "gad7_difficulty",
        type: "single_choice",
        label:
          "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
        options: DIFFICULTY,
      },
    ],
  },
];
