/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * Shuoshi 说事解题: this file replaces the webjar's default scripts/config.js of the tasklist app
 * (Camunda 7.24, META-INF/resources/webjars/camunda/app/tasklist/scripts/config.js). Everything below the
 * Shuoshi block is the default file's content. Chinese (zh) is the language of the webapps and
 * the fallback; a browser that asks for English still gets English.
 */
export default {
  // --- Shuoshi 说事解题 ---------------------------------------------------------------------------
  // The page title and the header read "<vendor> <name>".
  app: {
    name: '任务列表',
    vendor: '说事解题'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  // The default first-visit message links to /camunda-welcome, which this service does not serve.
  disableWelcomeMessage: true,
  // Chinese for the texts form-js writes itself ("Select", "Field is required.", date picker); the
  // button under a form says what it does (scripts/submit-words.js: 签收, 核实通过 …); the footer in
  // Chinese (../welcome/scripts/leftover-english-zh.js); a user
  // who must change the password first goes to the Welcome app (../welcome/scripts/password-change.js).
  customScripts: ['scripts/form-js-zh', 'scripts/submit-words', '../welcome/scripts/leftover-english-zh',
    '../welcome/scripts/password-change'],
  // --- defaults of the webjar's config.js ----------------------------------------------------------
  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '签收当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到第一个筛选器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“发起流程”对话框'
    }
  }
};
